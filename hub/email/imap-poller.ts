import { ImapFlow } from 'imapflow';
import type { Logger } from '../log';
import type { StoredMailbox } from './email-settings';
import type { InboundMail } from './inbound-mail';

/** Wait before reconnecting after a failed or dropped IMAP connection; doubles up to the cap. */
const RETRY_FIRST_MS = 2_000;
const RETRY_MAX_MS = 60_000;
/** IDLE is renewed this often (servers drop an IDLE after 30 minutes; some NATs much sooner). */
const IDLE_RENEW_MS = 5 * 60_000;
/** Quiet time after the last command before the connection IDLEs. */
const IDLE_AFTER_MS = 500;

export type ImapPoller = { close(): Promise<void> };

type Account = StoredMailbox & { imap: NonNullable<StoredMailbox['imap']> };

/**
 * Reads one IMAP mailbox: every unseen mail now, then each new one as IDLE
 * announces it. A mail is marked \Seen only after the hub has stored (or
 * quarantined) it, so a crash between the two only means it is read again,
 * and the Message-ID makes the second filing a no-op.
 */
export function pollMailbox(account: Account, inbound: InboundMail, log: Logger): ImapPoller {
  let stopped = false;
  let client: ImapFlow | null = null;
  let wake: (() => void) | null = null;

  async function drain(imap: ImapFlow): Promise<void> {
    // Held only while reading: imapflow IDLEs once no lock is held, and IDLE is how new mail is heard of.
    const lock = await imap.getMailboxLock(account.imap.folder);
    try {
      const uids = (await imap.search({ seen: false }, { uid: true })) || [];
      for (const uid of uids) {
        if (stopped) return;
        const fetched = (await imap.fetchOne(String(uid), { source: true }, { uid: true })) || null;
        if (!fetched?.source) continue;
        await inbound.receive(fetched.source, { via: 'imap', mailbox: account.address });
        await imap.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true });
      }
    } finally {
      lock.release();
    }
  }

  async function session(): Promise<void> {
    const imap = new ImapFlow({
      host: account.imap.host,
      port: account.imap.port,
      secure: account.imap.secure,
      auth: { user: account.imap.user, pass: account.imap.password },
      logger: false,
      maxIdleTime: IDLE_RENEW_MS,
      // imapflow waits 15 s of quiet before it IDLEs; mail arriving in that gap would wait for it.
      autoIdleDelay: IDLE_AFTER_MS,
    });
    client = imap;
    const closed = new Promise<void>((resolve) => imap.once('close', () => resolve()));
    imap.on('error', (error: Error) => log.warn(`email: IMAP ${account.address}: ${error.message}`));
    await imap.connect();
    await imap.mailboxOpen(account.imap.folder);
    try {
      // New mail while a drain runs is picked up by the next one: drains never overlap.
      let pending = true;
      imap.on('exists', () => {
        pending = true;
        wake?.();
      });
      while (!stopped && imap.usable) {
        if (pending) {
          pending = false;
          await drain(imap);
          continue;
        }
        await Promise.race([closed, new Promise<void>((resolve) => (wake = resolve))]);
        wake = null;
      }
    } finally {
      if (imap.usable) await imap.logout().catch(() => undefined);
    }
  }

  const running = (async () => {
    let delay = RETRY_FIRST_MS;
    while (!stopped) {
      try {
        await session();
        delay = RETRY_FIRST_MS;
      } catch (error) {
        if (stopped) break;
        log.warn(`email: IMAP ${account.address} (${account.imap.host}:${account.imap.port}): ${error instanceof Error ? error.message : String(error)}; retrying in ${delay / 1000}s`);
      }
      if (stopped) break;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delay);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = null;
      delay = Math.min(delay * 2, RETRY_MAX_MS);
    }
  })();

  return {
    async close() {
      stopped = true;
      wake?.();
      client?.close();
      await running;
    },
  };
}

/** One poller per mailbox that has IMAP set; restarted whole when the settings change. */
export function createImapPollers(inbound: InboundMail, log: Logger) {
  let pollers: ImapPoller[] = [];
  return {
    async apply(mailboxes: readonly StoredMailbox[]): Promise<void> {
      const old = pollers;
      pollers = [];
      await Promise.all(old.map((poller) => poller.close()));
      pollers = mailboxes.filter((mailbox): mailbox is Account => mailbox.imap !== null).map((mailbox) => pollMailbox(mailbox, inbound, log));
    },
    async close(): Promise<void> {
      await Promise.all(pollers.map((poller) => poller.close()));
      pollers = [];
    },
  };
}
