import { EmailSchema } from '../../../shared/domain/email';
import type { WidgetInfo } from '../../../shared/protocol/visitor';
import type { WidgetTextKey } from '../i18n/widget-text';

export type PrechatInput = { name: string; email: string };
export type PrechatCheck =
  | { ok: true; name: string | undefined; email: string | undefined }
  | { ok: false; errors: Partial<Record<keyof PrechatInput, WidgetTextKey>> };

/**
 * The form as the widget's admin configured it: a field that is off is never
 * sent, an optional one only when filled, a required one must be filled. The
 * email is checked by the hub's own rule, so what passes here passes there.
 */
export function checkPrechat(info: Pick<WidgetInfo, 'askName' | 'askEmail'>, input: PrechatInput): PrechatCheck {
  const errors: Partial<Record<keyof PrechatInput, WidgetTextKey>> = {};
  const name = info.askName === 'off' ? '' : input.name.trim();
  const email = info.askEmail === 'off' ? '' : input.email.trim();
  if (info.askName === 'required' && name === '') errors.name = 'form.nameRequired';
  if (info.askEmail === 'required' && email === '') errors.email = 'form.emailRequired';
  else if (email !== '' && !EmailSchema.safeParse(email).success) errors.email = 'form.emailInvalid';
  if (errors.name || errors.email) return { ok: false, errors };
  return { ok: true, name: name === '' ? undefined : name.slice(0, 120), email: email === '' ? undefined : email };
}
