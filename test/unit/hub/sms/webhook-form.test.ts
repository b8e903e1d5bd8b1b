import { describe, expect, it } from 'vitest';
import { nextStatus } from '../../../../hub/sms/delivery-status';
import { parseInboundForm, parseReportForm } from '../../../../hub/sms/webhook-form';

const form = (fields: Record<string, string>) => new URLSearchParams(fields);

describe('parseInboundForm', () => {
  it('reads a text', () => {
    expect(parseInboundForm(form({ MessageSid: 'SM1', From: '+8613800138000', To: '+8610690000001', Body: '你好' }))).toEqual({
      ok: true,
      value: { providerId: 'SM1', from: '+8613800138000', to: '+8610690000001', text: '你好', mediaUrls: [] },
    });
  });

  it('reads MMS media URLs by NumMedia, and takes a picture without text', () => {
    const parsed = parseInboundForm(
      form({ MessageSid: 'MM1', From: '+1', To: '+2', Body: '', NumMedia: '2', MediaUrl0: 'https://media.example/a', MediaUrl1: 'http://media.example/b' }),
    );
    expect(parsed).toMatchObject({ ok: true, value: { mediaUrls: ['https://media.example/a', 'http://media.example/b'] } });
  });

  it('names every missing or bad field', () => {
    expect(parseInboundForm(form({ Body: 'hi' }))).toEqual({
      ok: false,
      issues: [
        { path: 'MessageSid', message: 'required' },
        { path: 'From', message: 'required' },
        { path: 'To', message: 'required' },
      ],
    });
    expect(parseInboundForm(form({ MessageSid: 'S', From: '+1', To: '+2', Body: '  ' }))).toEqual({ ok: false, issues: [{ path: 'Body', message: 'a text or a picture' }] });
    expect(parseInboundForm(form({ MessageSid: 'S', From: '+1', To: '+2', Body: 'x'.repeat(1601) }))).toMatchObject({ ok: false, issues: [{ path: 'Body' }] });
    expect(parseInboundForm(form({ MessageSid: 'S', From: '+1', To: '+2', NumMedia: '11' }))).toMatchObject({ ok: false, issues: [{ path: 'NumMedia' }] });
    expect(parseInboundForm(form({ MessageSid: 'S', From: '+1', To: '+2', NumMedia: '1', MediaUrl0: 'file:///etc/passwd' }))).toMatchObject({
      ok: false,
      issues: [{ path: 'MediaUrl0', message: 'an http(s) URL' }],
    });
  });
});

describe('parseReportForm', () => {
  it('reads a status, with the error code of a failure', () => {
    expect(parseReportForm(form({ MessageSid: 'SM1', MessageStatus: 'delivered' }))).toEqual({ ok: true, value: { providerId: 'SM1', status: 'delivered', error: null } });
    expect(parseReportForm(form({ MessageSid: 'SM1', MessageStatus: 'undelivered', ErrorCode: '30005' }))).toMatchObject({ value: { status: 'undelivered', error: '30005' } });
    expect(parseReportForm(form({ MessageSid: 'SM1', MessageStatus: 'sending' }))).toMatchObject({ value: { status: 'queued' } });
  });

  it('refuses an unknown status or a missing id', () => {
    expect(parseReportForm(form({ MessageSid: 'SM1', MessageStatus: 'read-by-cat' }))).toMatchObject({ ok: false, issues: [{ path: 'MessageStatus' }] });
    expect(parseReportForm(form({ MessageStatus: 'sent' }))).toMatchObject({ ok: false, issues: [{ path: 'MessageSid' }] });
  });
});

describe('nextStatus', () => {
  it('only moves a text forward, so reports out of order do not undo delivery', () => {
    expect(nextStatus('queued', 'sent')).toBe('sent');
    expect(nextStatus('sent', 'delivered')).toBe('delivered');
    expect(nextStatus('delivered', 'sent')).toBe('delivered');
    expect(nextStatus('sent', 'failed')).toBe('failed');
    expect(nextStatus('failed', 'delivered')).toBe('failed');
    expect(nextStatus('received', 'delivered')).toBe('received');
  });
});
