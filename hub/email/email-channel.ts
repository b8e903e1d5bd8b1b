import type { Kysely } from 'kysely';
import type { CountryCode } from 'libphonenumber-js/min';
import type { AttachmentStore } from '../attachments/attachment-store';
import type { Clock } from '../clock';
import { readEmailSettings } from '../db/email-queries';
import type { Database } from '../db/schema';
import type { WriteQueue } from '../db/write-queue';
import type { Logger } from '../log';
import type { RoutingService } from '../routing/routing-service';
import type { HubServer } from '../socket/hub-socket';
import { createEmailRoutes } from './email-routes';
import { emailTaskObserver } from './email-task-observer';
import { createImapPollers } from './imap-poller';
import { createInboundMail, type InboundMail } from './inbound-mail';
import { type SmtpListener, type SmtpListenerDeps, startSmtpListener } from './smtp-listener';

export type EmailChannelDeps = {
  db: Kysely<Database>;
  writeQueue: WriteQueue;
  routing: RoutingService;
  clock: Clock;
  store: AttachmentStore;
  io: HubServer;
  log: Logger;
  /** Where the SMTP listener binds; port 0 leaves it off. */
  smtp: { host: string; port: number };
  defaultRegion: CountryCode;
};

export type EmailChannel = {
  inbound: InboundMail;
  /** The SMTP listener's port, or null when it is off. */
  smtpPort: number | null;
  routes: ReturnType<typeof createEmailRoutes>;
  close(): Promise<void>;
};

/**
 * A taken SMTP port leaves the hub running without its listener (desktops,
 * calls and chat do not depend on it; senders retry until it is back), and
 * says so loudly.
 */
async function listenOrWarn(host: string, port: number, deps: SmtpListenerDeps): Promise<SmtpListener | null> {
  try {
    return await startSmtpListener(host, port, deps);
  } catch (error) {
    deps.log.error(`email: the SMTP listener could not start on ${host}:${port} (${error instanceof Error ? error.message : String(error)}); inbound mail by SMTP is off until the hub restarts (SMTP_PORT)`);
    return null;
  }
}

/** Inbound email, both ways in: the hub's SMTP listener and the IMAP mailboxes the admin configured. */
export async function startEmailChannel(deps: EmailChannelDeps): Promise<EmailChannel> {
  const { db, log } = deps;
  const inbound = createInboundMail({ db, writeQueue: deps.writeQueue, routing: deps.routing, clock: deps.clock, store: deps.store, io: deps.io, log, defaultRegion: deps.defaultRegion });
  deps.routing.observe(['email'], emailTaskObserver());
  const pollers = createImapPollers(inbound, log);
  const limits = async () => {
    const settings = await readEmailSettings(db);
    return { addresses: new Set(settings.mailboxes.map((mailbox) => mailbox.address)), maxMessageBytes: settings.maxMessageBytes };
  };
  const smtp = deps.smtp.port > 0 ? await listenOrWarn(deps.smtp.host, deps.smtp.port, { inbound, log, limits }) : null;
  await pollers.apply((await readEmailSettings(db)).mailboxes);
  const settingsChanged = () => {
    readEmailSettings(db)
      .then((settings) => pollers.apply(settings.mailboxes))
      .catch((error: unknown) => log.error('email: restarting the IMAP pollers failed', error));
  };
  return {
    inbound,
    smtpPort: smtp?.port ?? null,
    routes: createEmailRoutes({ db, writeQueue: deps.writeQueue, settingsChanged }),
    async close() {
      await Promise.all([smtp?.close(), pollers.close()]);
    },
  };
}
