import type { RunningKamailio } from '../../../scripts/kamailio';
import { freeSipPort } from '../../../scripts/kamailio';
import { type RunningSipp, runSipp, type Scenario, startSipp } from './sipp';

const ringing = new Set<RunningSipp>();

/**
 * An agent's desk phone played by SIPp: one process waits for the call on a
 * known port, another registers that port as the agent's Contact over UDP
 * (answering the challenge with `credentials` when Kamailio authenticates).
 */
export async function registerPhone(
  kamailio: RunningKamailio,
  user: string,
  behaviour: Scenario,
  credentials?: { username: string; password: string },
): Promise<RunningSipp> {
  const port = await freeSipPort('127.0.0.1');
  const phone = startSipp({ scenario: behaviour, localPort: port });
  ringing.add(phone);
  void phone.done.finally(() => ringing.delete(phone));
  const registration = await runSipp({
    scenario: credentials ? 'register-auth' : 'register',
    remote: kamailio.sipAddress,
    keys: { user, contactHost: '127.0.0.1', contactPort: String(port), expires: '300' },
    ...(credentials ? { credentials } : {}),
  });
  if (registration.exitCode !== 0 || (credentials && registration.logged.join() !== 'FINAL 200')) {
    phone.stop();
    throw new Error(`REGISTER ${user} failed: ${registration.logged.join(' ')} ${registration.errors}`);
  }
  return phone;
}

/** Stops the phones a failed test left waiting for a call that never came. */
export function hangUpPhones(): void {
  for (const phone of ringing) phone.stop();
}
