import { describe, expect, it } from 'vitest';
import { checkPrechat } from '../../../../renderer/widget/frame/prechat';

describe('the pre-chat form', () => {
  it('requires what the widget requires', () => {
    expect(checkPrechat({ askName: 'required', askEmail: 'required' }, { name: ' ', email: '' })).toEqual({
      ok: false,
      errors: { name: 'form.nameRequired', email: 'form.emailRequired' },
    });
  });

  it('sends optional fields only when filled, trimmed (the hub normalises the email)', () => {
    expect(checkPrechat({ askName: 'optional', askEmail: 'optional' }, { name: '', email: '' })).toEqual({ ok: true, name: undefined, email: undefined });
    expect(checkPrechat({ askName: 'optional', askEmail: 'optional' }, { name: ' 王伟 ', email: ' Wang.Wei@Example.com ' })).toEqual({
      ok: true,
      name: '王伟',
      email: 'Wang.Wei@Example.com',
    });
  });

  it('refuses a malformed email even when it is optional', () => {
    expect(checkPrechat({ askName: 'off', askEmail: 'optional' }, { name: '', email: 'not-an-email' })).toEqual({ ok: false, errors: { email: 'form.emailInvalid' } });
  });

  it('never sends a field that is off', () => {
    expect(checkPrechat({ askName: 'off', askEmail: 'off' }, { name: 'Mallory', email: 'bad' })).toEqual({ ok: true, name: undefined, email: undefined });
  });
});
