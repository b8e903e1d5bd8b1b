import type { HubSocket } from '../../../../renderer/sync/hub-socket';
import { sfc32 } from '../../../../shared/demo/prng';

/** How often each kind of trouble strikes, as a probability per message. */
export type ChaosOdds = {
  /** A live `sync:changes` batch never arrives (the desktop finds the gap later). */
  dropLive: number;
  /** It arrives twice. */
  duplicateLive: number;
  /** It is held back and arrives after the next batch (or later, on its own). */
  reorderLive: number;
  /** It arrives late, up to `maxDelayMs`. */
  delayLive: number;
  /** A request never reaches the hub: the desktop sees its time-out. */
  loseRequest: number;
  /** The hub handles the request but its answer is lost: the desktop sees a time-out. */
  loseAck: number;
  /** The answer arrives late, up to `maxDelayMs`. */
  delayAck: number;
  maxDelayMs: number;
};

export const CALM: ChaosOdds = { dropLive: 0, duplicateLive: 0, reorderLive: 0, delayLive: 0, loseRequest: 0, loseAck: 0, delayAck: 0, maxDelayMs: 0 };

/** What the chaos layer did, so a failing run can say which trouble it met. */
export type ChaosTally = Record<'dropped' | 'duplicated' | 'reordered' | 'delayed' | 'requestsLost' | 'acksLost' | 'acksDelayed', number>;

export type ChaosControl = {
  odds: ChaosOdds;
  readonly tally: ChaosTally;
  /** No more trouble from now on; anything held back is delivered now. */
  calm(): void;
};

type Listener = (batch: unknown) => void;

const timedOut = () => new Error('operation has timed out');

/**
 * Puts a faulty network between the REAL sync engine and its REAL socket.io
 * client, through the engine's own seam (`socketFactory`): the engine's
 * `sync:changes` listener gets batches dropped, duplicated, delayed and out of
 * order, and its requests (`sync:pull`, `mutation:push`) lose their answers.
 * Everything else is the real socket. `seed` makes the choices repeatable
 * (their timing against the hub is not).
 */
export function chaosSocket(real: HubSocket, odds: ChaosOdds, seed: number): { socket: HubSocket; control: ChaosControl } {
  const random = sfc32(seed, 0x5eed, 0xc4a05, seed ^ 0x9e3779b9);
  const chance = (p: number) => p > 0 && random() < p;
  const delay = () => Math.floor(random() * control.odds.maxDelayMs);
  const tally: ChaosTally = { dropped: 0, duplicated: 0, reordered: 0, delayed: 0, requestsLost: 0, acksLost: 0, acksDelayed: 0 };
  let held: { batch: unknown; listener: Listener }[] = [];

  const releaseHeld = () => {
    const out = held;
    held = [];
    for (const { batch, listener } of out) listener(batch);
  };

  const deliver = (batch: unknown, listener: Listener) => {
    const { odds } = control;
    if (chance(odds.dropLive)) {
      tally.dropped += 1;
      return;
    }
    if (chance(odds.reorderLive)) {
      tally.reordered += 1;
      held.push({ batch, listener });
      return;
    }
    const send = () => {
      listener(batch);
      if (chance(odds.duplicateLive)) {
        tally.duplicated += 1;
        listener(batch);
      }
      releaseHeld();
    };
    if (chance(odds.delayLive)) {
      tally.delayed += 1;
      setTimeout(send, delay());
    } else send();
  };

  const emitWithAck = (timeoutMs: number) => async (event: string, payload: unknown): Promise<unknown> => {
    const { odds } = control;
    if (chance(odds.loseRequest)) {
      tally.requestsLost += 1;
      await new Promise((resolve) => setTimeout(resolve, delay()));
      throw timedOut();
    }
    const timed = real.timeout(timeoutMs);
    const answer = await (timed.emitWithAck as (event: string, payload: unknown) => Promise<unknown>).call(timed, event, payload);
    if (chance(odds.loseAck)) {
      tally.acksLost += 1;
      throw timedOut();
    }
    if (chance(odds.delayAck)) {
      tally.acksDelayed += 1;
      await new Promise((resolve) => setTimeout(resolve, delay()));
    }
    return answer;
  };

  const control: ChaosControl = {
    odds,
    tally,
    calm() {
      control.odds = CALM;
      releaseHeld();
    },
  };

  const socket = new Proxy(real, {
    get(target, property, receiver) {
      if (property === 'on') {
        return (event: string, listener: (...args: never[]) => void) => {
          if (event === 'sync:changes') target.on('sync:changes', (batch) => deliver(batch, listener as Listener));
          else target.on(event as 'connect', listener as () => void);
          return receiver;
        };
      }
      if (property === 'timeout') return (timeoutMs: number) => ({ emitWithAck: emitWithAck(timeoutMs) });
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { socket, control };
}
