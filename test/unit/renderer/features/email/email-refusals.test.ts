import { describe, expect, it } from 'vitest';
import type { Mutation } from '../../../../../shared/protocol/mutations';
import type { Refusal } from '../../../../../renderer/sync/outbox';
import type { EmailDraft } from '../../../../../renderer/db/schema';
import { watchEmailRefusals } from '../../../../../renderer/features/email/email-refusals';
import { openTestDb } from '../../fixtures';

const draft = (taskId: string, queuedAs: string | null): EmailDraft => ({
  taskId,
  threadId: '01JD00000000000000000THRD1',
  parentId: '01JD00000000000000000PRNT1',
  mode: 'reply',
  to: 'li.lei@example.cn',
  cc: '',
  bcc: '',
  subject: 'Re: Order',
  html: '<p>Shipped today.</p>',
  attachments: [],
  updatedAt: 1,
  queuedAs,
});

const refusalOf = (emailId: string, name: Mutation['name'] = 'email.send') =>
  ({ mutation: { id: 'M', name, createdAt: 1, args: { emailId } }, error: { code: 'forbidden', message: 'not yours' } }) as unknown as Refusal;

describe('watchEmailRefusals', () => {
  it('puts a refused reply back in its composer, and leaves other drafts alone', async () => {
    const db = openTestDb();
    await db.emailDrafts.bulkPut([draft('T1', 'MAIL1'), draft('T2', 'MAIL2'), draft('T3', null)]);
    const listeners: ((refusal: Refusal) => void)[] = [];
    const stop = watchEmailRefusals(
      {
        onRefusal: (l) => {
          listeners.push(l);
          return () => undefined;
        },
      },
      db,
    );
    for (const listener of listeners) {
      listener(refusalOf('MAIL1'));
      listener(refusalOf('MAIL2', 'interaction.addNote'));
    }
    await expect.poll(async () => (await db.emailDrafts.get('T1'))?.queuedAs).toBeNull();
    expect((await db.emailDrafts.get('T1'))?.html).toBe('<p>Shipped today.</p>');
    expect((await db.emailDrafts.get('T2'))?.queuedAs).toBe('MAIL2');
    stop();
  });
});
