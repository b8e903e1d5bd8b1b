import { ERASED_TAG } from '../../../shared/protocol/privacy';
import type { CustomerRow } from '../../db/rows';
import type { Translate } from '../../i18n/translate';

export const isErased = (customer: Pick<CustomerRow, 'tags'>): boolean => customer.tags.includes(ERASED_TAG);

/** The name a customer is shown by: an erased one's stored placeholder is English, so it is said in the desktop's language. */
export const shownName = (t: Translate, customer: Pick<CustomerRow, 'tags' | 'name' | 'number'>): string =>
  isErased(customer) ? t('privacy.erased.name', { number: customer.number }) : customer.name;
