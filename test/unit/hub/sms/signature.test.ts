import { describe, expect, it } from 'vitest';
import { signatureValid, webhookSignature } from '../../../../hub/sms/signature';

// Twilio's published example (auth token 12345): the signature it documents, reproduced with openssl.
const URL_CALLED = 'https://mycompany.com/myapp.php?foo=1&bar=2';
const params = () =>
  new URLSearchParams({ To: '+18005551212', From: '+12349013030', Digits: '1234', Caller: '+12349013030', CallSid: 'CA1234567890ABCDE' });
const EXPECTED = '0/KCTR6DLpKmkAf8muzZqo1nDgQ=';

describe('webhook signatures', () => {
  it('signs the URL and the parameters sorted by name, as the provider does', () => {
    expect(webhookSignature('12345', URL_CALLED, params())).toBe(EXPECTED);
  });

  it('accepts the right signature and nothing else', () => {
    expect(signatureValid('12345', URL_CALLED, params(), EXPECTED)).toBe(true);
    expect(signatureValid('12346', URL_CALLED, params(), EXPECTED)).toBe(false);
    expect(signatureValid('12345', `${URL_CALLED}&x=1`, params(), EXPECTED)).toBe(false);
    const altered = params();
    altered.set('Digits', '1235');
    expect(signatureValid('12345', URL_CALLED, altered, EXPECTED)).toBe(false);
    expect(signatureValid('12345', URL_CALLED, params(), EXPECTED.toLowerCase())).toBe(false);
  });

  it('refuses a missing signature, and everything while no secret is set', () => {
    expect(signatureValid('12345', URL_CALLED, params(), undefined)).toBe(false);
    expect(signatureValid('12345', URL_CALLED, params(), '')).toBe(false);
    expect(signatureValid('', URL_CALLED, params(), webhookSignature('', URL_CALLED, params()))).toBe(false);
  });

  it('covers Chinese text and repeated parameters', () => {
    const chinese = new URLSearchParams({ Body: '退订', From: '+8613800138000' });
    const signature = webhookSignature('s3cret', 'https://hub.example.com/api/sms/inbound', chinese);
    expect(signatureValid('s3cret', 'https://hub.example.com/api/sms/inbound', chinese, signature)).toBe(true);
    const twice = new URLSearchParams('A=1&A=2');
    expect(webhookSignature('k', 'u', twice)).not.toBe(webhookSignature('k', 'u', new URLSearchParams('A=2&A=1')));
  });
});
