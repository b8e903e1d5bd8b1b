import nodemailer from 'nodemailer';
import { DEMO_MAILBOX } from '../../hub/email/demo-email';
import { emailCorpus } from '../email-corpus';
import { sleep } from '../pool';

/**
 * Inbound email over SMTP into the hub's own listener, at a steady rate: the
 * benchmarks' mixed corpus (plain, HTML, Chinese charsets, attachments,
 * replies) to the demo mailbox, which opens email tasks in General.
 */

export type EmailCounts = { sent: number; refused: number };

export type EmailLoad = { counts: EmailCounts; finish(): Promise<EmailCounts> };

export function startEmailLoad(smtpPort: number, perMin: number, durationMs: number): EmailLoad {
  const counts: EmailCounts = { sent: 0, refused: 0 };
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port: smtpPort, secure: false, ignoreTLS: true, pool: true, maxConnections: 2 });
  const total = Math.floor((perMin * durationMs) / 60_000);
  const sends: Promise<void>[] = [];
  const paced = (async () => {
    const began = performance.now();
    let i = 0;
    for (const mail of emailCorpus(total, DEMO_MAILBOX)) {
      const wait = began + (i * 60_000) / perMin - performance.now();
      if (wait > 0) await sleep(wait);
      i += 1;
      sends.push(
        transport.sendMail({ envelope: { from: `load-${i}@example.com`, to: [DEMO_MAILBOX] }, raw: mail.raw }).then(
          () => {
            counts.sent += 1;
          },
          () => {
            counts.refused += 1;
          },
        ),
      );
    }
  })();
  return {
    counts,
    finish: async () => {
      await paced;
      await Promise.all(sends);
      transport.close();
      return counts;
    },
  };
}
