import { describe, expect, it } from 'vitest';
import { createDialLinkDispatcher, MAX_PENDING_DIAL_LINKS } from '../../../electron/dial-link-dispatch';
import type { DialLink } from '../../../shared/protocol/desktop';

const link = (target: string): DialLink => ({ scheme: 'tel', target });

describe('dial link dispatcher', () => {
  it('holds links until the renderer is ready, then delivers them in order', () => {
    const sent: DialLink[] = [];
    const dispatcher = createDialLinkDispatcher((l) => sent.push(l));
    dispatcher.dispatch(link('1'));
    dispatcher.dispatch(link('2'));
    expect(sent).toEqual([]);
    dispatcher.rendererReady();
    expect(sent).toEqual([link('1'), link('2')]);
    dispatcher.dispatch(link('3'));
    expect(sent).toEqual([link('1'), link('2'), link('3')]);
  });

  it('keeps only the most recent few links while waiting', () => {
    const sent: DialLink[] = [];
    const dispatcher = createDialLinkDispatcher((l) => sent.push(l));
    for (let i = 0; i < 10; i++) dispatcher.dispatch(link(String(i)));
    dispatcher.rendererReady();
    expect(sent.map((l) => l.target)).toEqual(['7', '8', '9'].slice(-MAX_PENDING_DIAL_LINKS));
  });

  it('holds again while the renderer reloads, and delivers each link once', () => {
    const sent: DialLink[] = [];
    const dispatcher = createDialLinkDispatcher((l) => sent.push(l));
    dispatcher.rendererReady();
    dispatcher.rendererGone();
    dispatcher.dispatch(link('1'));
    expect(sent).toEqual([]);
    dispatcher.rendererReady();
    dispatcher.rendererReady();
    expect(sent).toEqual([link('1')]);
  });
});
