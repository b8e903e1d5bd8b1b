import type { Complaint } from '../../shared/complaints/complaint';
import type { Customer } from '../../shared/domain/customer';
import type { Interaction } from '../../shared/domain/interaction';
import type { FollowUp } from '../../shared/follow-ups/follow-up';
import { ERASED_TAG, ERASED_TEXT, erasedName } from '../../shared/protocol/privacy';

/**
 * What an erasure leaves of each record: the facts the business must keep
 * (when, which channel and queue, durations, outcomes, order amounts, a
 * complaint's category, severity and SLA clock) and nothing that names,
 * reaches or quotes the person. Pure, so every field decision is tested.
 */

export function anonymiseCustomer(customer: Customer, now: number): Customer {
  return { ...customer, name: erasedName(customer.number), company: null, tags: [ERASED_TAG], updatedAt: Math.max(customer.updatedAt, now) };
}

export function anonymiseInteraction(interaction: Interaction): Interaction {
  switch (interaction.channel) {
    case 'call': {
      const { notes: _notes, ...kept } = interaction;
      return { ...kept, from: '', to: '' };
    }
    case 'email':
      // File names go with the bytes; the count of files stays in `attachments` as sizes only would mislead, so it empties.
      return {
        ...interaction,
        from: '',
        to: '',
        subject: '',
        body: '',
        html: null,
        ...(interaction.cc ? { cc: [] } : {}),
        attachments: [],
        ...(interaction.attachmentIds ? { attachmentIds: [] } : {}),
        ...(interaction.messageId ? { messageId: '' } : {}),
      };
    case 'chat':
      // The lines stay as a count and their times (who spoke when); their words and files go.
      return { ...interaction, messages: interaction.messages.map(({ attachment: _file, ...line }) => ({ ...line, text: '' })) };
    case 'sms':
      return { ...interaction, from: '', to: '', text: '' };
    case 'note': {
      const { mergedFrom: _merged, ...kept } = interaction;
      return { ...kept, text: ERASED_TEXT };
    }
    case 'order':
      // Revenue figures keep the amount, currency, profit and order number; what was bought describes the person.
      return { ...interaction, items: '' };
    case 'complaint':
      return { ...interaction, text: '' };
    case 'follow-up':
      return { ...interaction, note: '' };
    case 'survey':
      return { ...interaction, comment: '' };
    case 'video':
      return interaction;
  }
}

export function anonymiseComplaint(complaint: Complaint): Complaint {
  return {
    ...complaint,
    description: ERASED_TEXT,
    customerRequest: '',
    resolution: complaint.resolution
      ? {
          ...complaint.resolution,
          note: ERASED_TEXT,
          compensation: { ...complaint.resolution.compensation, refundNote: complaint.resolution.compensation.refundNote === null ? null : ERASED_TEXT },
        }
      : null,
  };
}

export function anonymiseFollowUp(followUp: FollowUp, now: number): FollowUp {
  return {
    ...followUp,
    notes: '',
    history: followUp.history.map((entry) => ({ ...entry, note: '' })),
    updatedAt: Math.max(followUp.updatedAt, now),
  };
}

/**
 * Hub-only JSON records (chat conversations and lines, email threads and
 * messages, calls, tasks): every string under one of these keys is blanked
 * wherever it sits, so a field added later under a known name is covered too.
 */
const PERSONAL_KEYS = new Set([
  'visitorName',
  'visitorEmail',
  'customerAddress',
  'phone',
  'from',
  'to',
  'cc',
  'bcc',
  'subject',
  'text',
  'html',
  'body',
  'notes',
  'note',
  'name',
  'address',
  'caller',
  'callerName',
  'number',
  'remote',
]);

export function blankPersonal(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(blankPersonal);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    if (!PERSONAL_KEYS.has(key)) out[key] = blankPersonal(inner);
    // Non-empty words become the placeholder: a reader that wants the field filled still finds it so.
    else if (typeof inner === 'string') out[key] = inner === '' ? '' : ERASED_TEXT;
    else if (Array.isArray(inner)) out[key] = [];
    else if (inner !== null && typeof inner === 'object') out[key] = blankPersonal(inner);
    else out[key] = inner;
  }
  return out;
}
