import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { normaliseEmail } from '../../shared/domain/email';
import type { Logger } from '../log';
import type { InboundMail } from './inbound-mail';

/** An SMTP reply with its code, as smtp-server sends an error's `responseCode`. */
const smtpError = (code: number, message: string): Error => Object.assign(new Error(message), { responseCode: code });

export type SmtpListener = { port: number; close(): Promise<void> };

export type SmtpListenerDeps = {
  inbound: InboundMail;
  log: Logger;
  /** The addresses the hub receives for now (admin settings), and the message size limit. */
  limits: () => Promise<{ addresses: ReadonlySet<string>; maxMessageBytes: number }>;
};

/**
 * The hub's own SMTP listener, for an MX record or a forward from the
 * company's mail server. It takes mail only for the configured addresses (so
 * it can never be used as a relay), refuses oversize mail with 552 (the
 * sender's server tells its user), and answers 451 when the hub cannot store
 * a mail, so the sender keeps it and tries again: no mail is accepted and lost.
 */
export function startSmtpListener(host: string, port: number, deps: SmtpListenerDeps): Promise<SmtpListener> {
  const { inbound, log } = deps;
  const server = new SMTPServer({
    name: 'switchboard',
    banner: 'Switchboard',
    // An MX takes mail from other servers, which do not log in; without a certificate configured there is no TLS to offer.
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    hideSize: false,
    async onRcptTo(address, _session, callback) {
      try {
        const { addresses } = await deps.limits();
        const wanted = normaliseEmail(address.address);
        if (wanted !== null && addresses.has(wanted)) callback();
        else callback(smtpError(550, `No mailbox here for ${address.address}`));
      } catch (error) {
        log.error('email: reading mailbox settings failed', error);
        callback(smtpError(451, 'Temporary failure, try again later'));
      }
    },
    onData(stream, session, callback) {
      void (async () => {
        const { maxMessageBytes } = await deps.limits();
        const chunks: Buffer[] = [];
        let size = 0;
        for await (const chunk of stream as AsyncIterable<Buffer>) {
          size += chunk.length;
          // Past the limit the rest is read and thrown away: the client must finish DATA before it hears the refusal.
          if (size <= maxMessageBytes) chunks.push(chunk);
        }
        if (size > maxMessageBytes) return callback(smtpError(552, `Message exceeds the ${maxMessageBytes}-byte limit`));
        const recipients = session.envelope.rcptTo.map((rcpt) => rcpt.address.toLowerCase());
        const receipt = await inbound.receive(Buffer.concat(chunks, size), { via: 'smtp', recipients });
        return callback(null, receipt.outcome === 'quarantined' ? 'Queued for review' : 'Queued');
      })().catch((error: unknown) => {
        log.error('email: storing an SMTP message failed', error);
        callback(smtpError(451, 'Temporary failure storing the message, try again later'));
      });
    },
  });
  server.on('error', (error) => log.warn(`email: SMTP: ${error.message}`));
  return new Promise((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(port, host, () => {
      server.server.off('error', reject);
      const bound = (server.server.address() as AddressInfo).port;
      log.info(`email: SMTP listening on ${host}:${bound}`);
      resolve({ port: bound, close: () => new Promise<void>((done) => server.close(() => done())) });
    });
  });
}
