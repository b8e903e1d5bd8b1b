import { useVirtualizer } from '@tanstack/react-virtual';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import type { Interaction } from '../../../shared/domain/interaction';
import { ChannelIcon } from '../../app/icons';
import { useWaitingTargets } from '../../db/hooks';
import { useLocale, useT } from '../../i18n/locale-store';
import { targetKey } from '../../sync/optimistic';
import { InteractionDetails, occurredLabel, useSummary } from './InteractionDetails';
import { type OlderState, useTimeline } from './use-timeline';

type ItemProps = {
  interaction: Interaction;
  expanded: boolean;
  pending: boolean;
  position: number;
  total: number;
  onToggle(id: string): void;
};

function TimelineItem({ interaction, expanded, pending, position, total, onToggle }: ItemProps) {
  const t = useT();
  const locale = useLocale((state) => state.locale);
  const summary = useSummary();
  const detailsId = `details-${interaction.id}`;
  return (
    <article
      className={`tl-item channel-${interaction.channel}${expanded ? ' is-expanded' : ''}`}
      aria-setsize={total}
      aria-posinset={position}
      data-testid="timeline-item"
      data-channel={interaction.channel}
      data-interaction-id={interaction.id}
    >
      <button
        type="button"
        className="tl-summary"
        aria-expanded={expanded}
        aria-controls={detailsId}
        title={expanded ? t('timeline.collapse') : t('timeline.expand')}
        onClick={() => onToggle(interaction.id)}
      >
        <span className={`channel-icon channel-${interaction.channel}`} title={t(`channel.${interaction.channel}`)}>
          <ChannelIcon channel={interaction.channel} className="icon" />
        </span>
        <span className="tl-main">
          <span className="tl-channel">{t(`channel.${interaction.channel}`)}</span>
          <span className="tl-snippet">{summary(interaction)}</span>
        </span>
        {pending && (
          <span className="pending-chip" data-testid="pending-chip">
            {t('timeline.pending')}
          </span>
        )}
        <time className="tl-time" dateTime={new Date(interaction.occurredAt).toISOString()}>
          {occurredLabel(interaction, locale)}
        </time>
      </button>
      {expanded && (
        <div id={detailsId} className="tl-details" data-testid="timeline-details">
          <InteractionDetails interaction={interaction} />
        </div>
      )}
    </article>
  );
}

function TimelineFooter({ state, online, empty, onRetry }: { state: OlderState; online: boolean; empty: boolean; onRetry(): void }) {
  const t = useT();
  let content: ReactNode;
  if (state === 'loading') content = t('timeline.loadingOlder');
  else if (state === 'error')
    content = (
      <>
        {t('timeline.olderError')}{' '}
        <button type="button" className="button small" onClick={onRetry}>
          {t('timeline.retry')}
        </button>
      </>
    );
  else if (state === 'done') content = empty ? t('timeline.empty') : t('timeline.end');
  else if (!online) content = t('timeline.olderOffline');
  else content = t('timeline.loadingOlder');
  return (
    <div className="tl-footer muted" data-testid="timeline-footer" data-state={online ? state : 'offline'}>
      {content}
    </div>
  );
}

/**
 * Every interaction on one list, newest first, virtualised: only the rows on
 * screen exist in the DOM, so 10,000 interactions open as fast as ten.
 */
export function Timeline({ customerId }: { customerId: string }) {
  const t = useT();
  const timeline = useTimeline(customerId);
  const waiting = useWaitingTargets();
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const scroller = useRef<HTMLDivElement>(null);
  const { ids } = timeline;

  const virtualizer = useVirtualizer({
    count: ids.length + 1,
    getScrollElement: () => scroller.current,
    estimateSize: () => 52,
    overscan: 8,
    getItemKey: (index) => ids[index] ?? '__footer',
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? 0;
  const { ensureRows, loadOlder, olderState, online, ready } = timeline;

  useEffect(() => {
    ensureRows(first, last + 1);
  }, [ensureRows, first, last]);

  // Scrolled to the end of what is cached: ask the hub for the next older page.
  useEffect(() => {
    if (ready && last >= ids.length - 1 && olderState === 'idle' && online) void loadOlder();
  }, [ready, last, ids.length, olderState, online, loadOlder]);

  const toggle = (id: string) =>
    setExpanded((previous) => {
      const next = new Set(previous);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  const waitingKeys = waiting.status === 'ready' ? waiting.value : null;

  return (
    <div className="timeline" data-testid="timeline">
      <h2 className="section-title timeline-title">
        {t('timeline.title')}
        {ready && (
          <span className="count" data-testid="timeline-count">
            {t('timeline.count', { count: ids.length })}
          </span>
        )}
      </h2>
      <div className="timeline-scroll" ref={scroller} role="feed" aria-busy={olderState === 'loading'} aria-label={t('timeline.title')}>
        <div className="timeline-inner" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((item) => {
            const id = ids[item.index];
            const row = id ? timeline.rowOf(id) : undefined;
            return (
              <div
                key={item.key}
                ref={virtualizer.measureElement}
                data-index={item.index}
                className="timeline-row"
                style={{ transform: `translateY(${item.start}px)` }}
              >
                {id === undefined ? (
                  ready && <TimelineFooter state={olderState} online={online} empty={ids.length === 0} onRetry={timeline.retryOlder} />
                ) : row ? (
                  <TimelineItem
                    interaction={row}
                    expanded={expanded.has(id)}
                    pending={waitingKeys?.has(targetKey({ table: 'interactions', key: id })) ?? false}
                    position={item.index + 1}
                    total={ids.length}
                    onToggle={toggle}
                  />
                ) : (
                  <div className="tl-skeleton" aria-hidden="true" />
                )}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
