import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Change } from '../../../../shared/protocol/changes';
import { batchChanges } from '../../../../hub/sync/change-batcher';

const change = (seq: number): Change => ({ seq, entity: 'customer', op: 'delete', data: { id: '01J00000000000000000000000' } });

describe('batchChanges', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('sends the changes committed within the window as one batch, in commit order', () => {
    const sent: number[][] = [];
    const batches = batchChanges((changes) => sent.push(changes.map((c) => c.seq)), 25);
    batches.add([change(1), change(2)]);
    batches.add([change(3)]);
    expect(sent).toEqual([]);
    vi.advanceTimersByTime(25);
    expect(sent).toEqual([[1, 2, 3]]);
    batches.add([change(4)]);
    vi.advanceTimersByTime(25);
    expect(sent).toEqual([[1, 2, 3], [4]]);
  });

  it('sends nothing for a commit without changes', () => {
    const send = vi.fn();
    const batches = batchChanges(send, 25);
    batches.add([]);
    vi.advanceTimersByTime(100);
    expect(send).not.toHaveBeenCalled();
  });

  it('flush sends what waits at once, and the window then has nothing left to send', () => {
    const sent: number[][] = [];
    const batches = batchChanges((changes) => sent.push(changes.map((c) => c.seq)), 25);
    batches.add([change(7)]);
    batches.flush();
    expect(sent).toEqual([[7]]);
    vi.advanceTimersByTime(100);
    expect(sent).toEqual([[7]]);
  });
});
