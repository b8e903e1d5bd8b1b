/** Epoch ms. Injected everywhere time decides something, so tests can move it. */
export type Clock = () => number;

export const systemClock: Clock = () => Date.now();
