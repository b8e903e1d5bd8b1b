import dgram from 'node:dgram';
import net from 'node:net';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expandTortureNotation, loadTortureMessages } from '../fixtures/sip-torture/load';
import { mutate, seededRandom } from '../fixtures/seeded-mutations';
import { callPhase, phoneState } from './hub-client';
import { ARTIFACTS, startVoiceStage, type VoiceStage } from './voice-stage';

/**
 * RFC 4475's torture messages and seeded mutations of them, over UDP and
 * TCP, into the real Kamailio (deploy/kamailio/kamailio.cfg) in front of a
 * real hub, with agent1's desktop registered in Chromium. Kamailio stays up
 * and answers each message as recorded below, the hub answers every route
 * request Kamailio makes (no 4xx/5xx from its voice hook), and the calls that
 * reach the desktop show their caller's name as text: no script runs, the
 * page logs no error.
 *
 * Replay a mutation run with FUZZ_SEED=…; more with FUZZ_RUNS=….
 */

const SEED = Number(process.env.FUZZ_SEED ?? 4475);
const RUNS = Number(process.env.FUZZ_RUNS ?? 240);
const BATCH = 40;

type Transport = 'udp' | 'tcp';
/** The first final status Kamailio sent back, or 'drop' when none came. */
type Outcome = number | 'drop';

/**
 * What Kamailio does with each message. RFC 3261 lets a server drop what it
 * cannot parse (there may be nowhere to send a reply); everything it can
 * parse it answers, to the address the request came from (kamailio.cfg runs
 * force_rport() before any refusal). Requests for users that are not here get
 * 404 (the hub's answer for a number nobody has, or Kamailio's own), and
 * REGISTERs are challenged (401) before anything else is looked at.
 *
 * Surprises, each a limit of Kamailio's core parser, which no config reaches:
 * the message never gets to the script, and a reply cannot be built from it.
 * - wsinv, intmeth and esc02 are valid but dropped: Kamailio reads no folded
 *   CSeq (wsinv), nor every token character RFC 3261 allows in a header name
 *   ('%', '!', '`', '~'…), so intmeth's extensionHeader-!.%*+_`'~ and esc02's
 *   C%6Fntact stop it.
 * - badvers (SIP/7.0) is dropped where RFC 4475 suggests 505: its Via does not parse.
 * - multi01 and mcl01 (a header that may appear once, twice) are dropped, not 400'd.
 * baddate, escruri and sdp01 are routed like any INVITE: a Date in the wrong
 * zone, a header in the Request-URI and an unknown Accept do not stop a proxy
 * (RFC 4475 lets it forward them), so the hub is asked and says 404.
 * Over TCP the Content-Length frames the stream: clerr (9999 bytes promised)
 * waits for a body that never comes, and dblreq is two requests, both
 * answered; over UDP both are refused as Content-Length mismatches.
 */
const EXPECTED: Record<string, { udp: Outcome; tcp: Outcome }> = {
  // 3.1.1 valid messages
  wsinv: { udp: 'drop', tcp: 'drop' },
  intmeth: { udp: 'drop', tcp: 'drop' },
  esc01: { udp: 404, tcp: 404 },
  escnull: { udp: 401, tcp: 401 },
  esc02: { udp: 'drop', tcp: 'drop' },
  lwsdisp: { udp: 404, tcp: 404 },
  longreq: { udp: 404, tcp: 404 },
  dblreq: { udp: 400, tcp: 401 },
  semiuri: { udp: 404, tcp: 404 },
  transports: { udp: 404, tcp: 404 },
  // Responses to nothing Kamailio sent: dropped, as RFC 3261 18.1.2 says.
  unreason: { udp: 'drop', tcp: 'drop' },
  noreason: { udp: 'drop', tcp: 'drop' },
  // 3.1.2 invalid messages
  badinv01: { udp: 'drop', tcp: 'drop' },
  clerr: { udp: 400, tcp: 'drop' },
  scalar02: { udp: 400, tcp: 400 },
  scalarlg: { udp: 'drop', tcp: 'drop' },
  quotbal: { udp: 'drop', tcp: 'drop' },
  ltgtruri: { udp: 400, tcp: 400 },
  lwsruri: { udp: 'drop', tcp: 'drop' },
  lwsstart: { udp: 'drop', tcp: 'drop' },
  trws: { udp: 404, tcp: 404 },
  escruri: { udp: 404, tcp: 404 },
  baddate: { udp: 404, tcp: 404 },
  regbadct: { udp: 401, tcp: 401 },
  badaspec: { udp: 404, tcp: 404 },
  baddn: { udp: 404, tcp: 404 },
  badvers: { udp: 'drop', tcp: 'drop' },
  mismatch01: { udp: 400, tcp: 400 },
  mismatch02: { udp: 400, tcp: 400 },
  bigcode: { udp: 'drop', tcp: 'drop' },
  // 3.2 transaction layer
  badbranch: { udp: 404, tcp: 404 },
  // 3.3 application layer
  insuf: { udp: 'drop', tcp: 'drop' },
  unkscm: { udp: 400, tcp: 400 },
  novelsc: { udp: 400, tcp: 400 },
  unksm2: { udp: 400, tcp: 400 },
  bext01: { udp: 404, tcp: 404 },
  invut: { udp: 404, tcp: 404 },
  regaut01: { udp: 401, tcp: 401 },
  multi01: { udp: 'drop', tcp: 'drop' },
  mcl01: { udp: 'drop', tcp: 'drop' },
  bcast: { udp: 'drop', tcp: 'drop' },
  zeromf: { udp: 483, tcp: 483 },
  cparam01: { udp: 401, tcp: 401 },
  cparam02: { udp: 401, tcp: 401 },
  regescrt: { udp: 401, tcp: 401 },
  sdp01: { udp: 404, tcp: 404 },
  inv2543: { udp: 404, tcp: 404 },
};

/** What Kamailio logs when the hub's voice hook failed it (kamailio.cfg route[ASK_HUB], route[TELL_HUB]). */
const HUB_FAILED = /did not answer the route request|did not take the '|unknown routing action/;

let stage: VoiceStage;
let agent: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  stage = await startVoiceStage({ name: 'sip-torture', seedCustomers: 20 });
});

afterAll(async () => {
  await stage?.stop();
});

it("registers agent1's desktop phone, which every message below is sent past", async () => {
  agent = await stage.desk('agent1');
  agent.on('pageerror', (error) => pageErrors.push(error.message));
  agent.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text());
  });
  expect(await phoneState(agent)).toBe('registered');
});

/** One message on its own socket (over TCP its own connection); the replies Kamailio sends back on it. */
async function sendOne(bytes: Buffer, transport: Transport): Promise<{ replies: string[]; finalStatus(waitMs: number): Promise<Outcome>; close(): void }> {
  const replies: string[] = [];
  const waiters: (() => void)[] = [];
  const heard = (text: string) => {
    for (const message of text.split(/\r\n\r\n/).filter((part) => part.startsWith('SIP/2.0 '))) replies.push(message);
    for (const wake of waiters.splice(0)) wake();
  };
  let close: () => void;
  if (transport === 'udp') {
    const udp = dgram.createSocket('udp4');
    udp.on('message', (message) => heard(message.toString('latin1')));
    await new Promise<void>((resolve) => udp.bind(0, '127.0.0.1', resolve));
    udp.send(bytes, stage.kamailio.sipPort, '127.0.0.1');
    close = () => udp.close();
  } else {
    const tcp = net.connect({ host: '127.0.0.1', port: stage.kamailio.sipPort });
    tcp.on('data', (chunk) => heard(chunk.toString('latin1')));
    // Kamailio may close on garbage: that is an answer too.
    tcp.on('error', () => undefined);
    tcp.on('connect', () => tcp.write(bytes));
    close = () => tcp.destroy();
  }
  const finalOf = (): Outcome | null => {
    const status = replies.map((reply) => Number(reply.slice(8, 11))).find((code) => code >= 200);
    return status ?? null;
  };
  return {
    replies,
    finalStatus: (waitMs) =>
      new Promise((resolve) => {
        // A bound on waiting for a reply that may rightly never come (a dropped message), not a speed check.
        const timer = setTimeout(() => resolve(finalOf() ?? 'drop'), waitMs);
        const check = () => {
          const status = finalOf();
          if (status === null) return void waiters.push(check);
          clearTimeout(timer);
          resolve(status);
        };
        check();
      }),
    close,
  };
}

/** Sends every message at once and waits for each one's final answer (or its absence). */
async function outcomes(messages: readonly { bytes: Buffer; transport: Transport }[]): Promise<Outcome[]> {
  const sent = await Promise.all(messages.map((message) => sendOne(message.bytes, message.transport)));
  try {
    return await Promise.all(sent.map((one) => one.finalStatus(2_500)));
  } finally {
    for (const one of sent) one.close();
  }
}

/**
 * The message as a transaction of its own: its Via branches and Call-ID get a
 * suffix. Sent again unchanged it would be a retransmission of the copy sent
 * earlier, still in Kamailio's memory (RFC 3261 17.2.3), and its answer would
 * go back to where that copy came from.
 */
function ownTransaction(bytes: Buffer, suffix: string): Buffer {
  return Buffer.from(
    bytes
      .toString('latin1')
      .replace(/(branch\s*=\s*)([^\s;,]*)/gi, `$1$2${suffix}`)
      .replace(/^((?:Call-ID|i)\s*:\s*)(\S+)/gim, `$1$2${suffix}`),
    'latin1',
  );
}

/** An OPTIONS ping to Kamailio itself over `transport`: answered 200 while it is alive. */
async function kamailioAnswers(transport: Transport): Promise<boolean> {
  const tag = Math.random().toString(36).slice(2);
  const ping = [
    `OPTIONS sip:127.0.0.1:${stage.kamailio.sipPort} SIP/2.0`,
    `Via: SIP/2.0/${transport.toUpperCase()} 127.0.0.1:9;branch=z9hG4bK-ping-${tag}`,
    'Max-Forwards: 70',
    `From: <sip:ping@127.0.0.1>;tag=${tag}`,
    `To: <sip:127.0.0.1:${stage.kamailio.sipPort}>`,
    `Call-ID: ping-${tag}`,
    'CSeq: 1 OPTIONS',
    'Content-Length: 0',
    '',
    '',
  ].join('\r\n');
  const [status] = await outcomes([{ bytes: Buffer.from(ping), transport }]);
  return status === 200;
}

async function expectAllWell(context: string): Promise<void> {
  expect(await kamailioAnswers('udp'), `${context}: OPTIONS over UDP\n${stage.kamailio.log()}`).toBe(true);
  expect(await kamailioAnswers('tcp'), `${context}: OPTIONS over TCP\n${stage.kamailio.log()}`).toBe(true);
  expect(stage.kamailio.log().split('\n').filter((line) => HUB_FAILED.test(line)), context).toEqual([]);
  expect(pageErrors, context).toEqual([]);
  expect(await phoneState(agent), context).toBe('registered');
}

describe('RFC 4475 torture messages', () => {
  const messages = loadTortureMessages();

  it('keeps one expectation per message in the fixtures', () => {
    expect([...messages.keys()].sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const transport of ['udp', 'tcp'] as const) {
    it(`answers or drops each one over ${transport.toUpperCase()} as recorded, and stays up`, async () => {
      const names = [...messages.keys()];
      // Only INVITEs make transactions here (everything else is answered statelessly), so only they need their own.
      const copy = (bytes: Buffer) => (bytes.subarray(0, 7).toString('latin1') === 'INVITE ' ? ownTransaction(bytes, transport) : bytes);
      const got = await outcomes(names.map((name) => ({ bytes: copy(messages.get(name) ?? Buffer.alloc(0)), transport })));
      expect(Object.fromEntries(names.map((name, i) => [name, got[i]])), stage.kamailio.log()).toEqual(Object.fromEntries(names.map((name) => [name, EXPECTED[name]?.[transport]])));
      await expectAllWell(`after the RFC 4475 messages over ${transport}`);
    });
  }
});

describe('seeded mutations of the torture messages', () => {
  it(`survives ${RUNS} mutated messages over UDP and TCP (seed ${SEED}) with nothing but 4xx/6xx refusals`, async () => {
    const random = seededRandom(SEED);
    const bases = [...loadTortureMessages().entries()];
    const seen = new Map<string, number>();
    for (let start = 0; start < RUNS; start += BATCH) {
      const batch = Array.from({ length: Math.min(BATCH, RUNS - start) }, (_, i) => {
        const [name, base] = bases[Math.floor(random() * bases.length)] ?? ['', Buffer.alloc(0)];
        const mutation = mutate(base, random);
        seen.set(mutation.kind, (seen.get(mutation.kind) ?? 0) + 1);
        return { name: `${name}/${mutation.kind}#${start + i}`, bytes: ownTransaction(mutation.bytes, `m${start + i}`), transport: (i % 2 === 0 ? 'udp' : 'tcp') as Transport };
      });
      const got = await outcomes(batch);
      // A mutation may still be a fine request (answered 2xx/3xx by nobody here: 404) or a broken one (400, 483, dropped),
      // never a server error: a 5xx would mean Kamailio or the hub failed on it.
      const failures = batch.map((message, i) => [message.name, got[i]] as const).filter(([, outcome]) => typeof outcome === 'number' && outcome >= 500);
      expect(failures, `seed ${SEED}`).toEqual([]);
      await expectAllWell(`seed ${SEED}, mutations ${start}–${start + batch.length - 1}`);
    }
    // Every kind of mutation was tried.
    expect(seen.size).toBe(12);
  });
});

/** An INVITE for agent1's extension from a trusted trunk, in the RFC's notation, with `display` as the From display name. */
function inviteForAgent(display: string, callId: string): Buffer {
  const port = stage.kamailio.sipPort;
  return expandTortureNotation(
    [
      `INVITE sip:agent1@127.0.0.1:${port} SIP/2.0`,
      `Via: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK-${callId}`,
      'Max-Forwards: 70',
      `From: ${display} <sip:caller@example.net>;tag=${callId}`,
      `To: <sip:agent1@127.0.0.1:${port}>`,
      `Call-ID: ${callId}`,
      'CSeq: 1 INVITE',
      'Contact: <sip:caller@192.0.2.1>',
      'Content-Length: 0',
      '',
      '',
    ].join('\n'),
  );
}

/**
 * Sends one INVITE for agent1 and expects their desktop to ring with `shown`
 * as the caller; declines, and the refusal reaches the caller. A card left
 * ringing by a failed check is declined too, so the next call starts clean.
 */
async function ringsAndDeclines(invite: Buffer, shown: string, screenshot: string): Promise<void> {
  const call = await sendOne(invite, 'udp');
  try {
    await expect.poll(() => callPhase(agent), { timeout: 15_000 }).toBe('ringing');
    expect(await agent.getByTestId('call-caller').textContent()).toBe(shown);
    await agent.screenshot({ path: join(ARTIFACTS, screenshot) });
    await agent.getByTestId('call-decline').click();
    expect(await call.finalStatus(10_000)).toBeGreaterThanOrEqual(400);
  } finally {
    if ((await agent.getByTestId('call-decline').count()) > 0) await agent.getByTestId('call-decline').click();
    call.close();
  }
  await expect.poll(() => agent.getByTestId('call-card').count(), { timeout: 10_000 }).toBe(0);
  expect(await agent.evaluate(() => '__sipTortureRan' in window)).toBe(false);
}

describe("calls that reach the agent's desktop", () => {
  // RFC 4475's valid INVITEs that Kamailio parses, sent to agent1 instead of their example.com users.
  const messages = loadTortureMessages();
  const readdressed = (name: string): Buffer => {
    const bytes = messages.get(name) ?? Buffer.alloc(0);
    return ownTransaction(Buffer.concat([Buffer.from(`INVITE sip:agent1@127.0.0.1:${stage.kamailio.sipPort} SIP/2.0`), bytes.subarray(bytes.indexOf('\r\n'))]), 'agent1');
  };
  for (const [name, shown] of [
    // esc01's From has no display name: the card shows its user part, unescaped.
    ['esc01', 'I have spaces'],
    ['longreq', 'amazinglylongcallername'.repeat(5)],
  ] as const) {
    it(`rings agent1 with RFC 4475's ${name}, its caller shown as text`, async () => {
      await ringsAndDeclines(readdressed(name), shown, `sip-torture-${name}.png`);
      await expectAllWell(`after ${name} to agent1`);
    });
  }

  const hostile: { display: string; shown: string }[] = [
    { display: '"<img src=x onerror=window.__sipTortureRan=1>"', shown: '<img src=x onerror=window.__sipTortureRan=1>' },
    { display: '"<script>window.__sipTortureRan=1</script>"', shown: '<script>window.__sipTortureRan=1</script>' },
    { display: '"javascript:window.__sipTortureRan=1"', shown: 'javascript:window.__sipTortureRan=1' },
    // A right-to-left override would show "exe.png": the desktop drops bidi controls from names.
    { display: '"\u202Egnp.exe"', shown: 'gnp.exe' },
  ];
  for (const [index, { display, shown }] of hostile.entries()) {
    it(`rings agent1 with the caller name ${JSON.stringify(display)} shown as text, no script run`, async () => {
      await ringsAndDeclines(inviteForAgent(display, `sip-torture-name-${index}-${Date.now()}`), shown, `sip-torture-name-${index}.png`);
      await expectAllWell(`after the call from ${display}`);
    });
  }
});
