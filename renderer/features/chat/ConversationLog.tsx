import { type ReactNode, useLayoutEffect, useRef } from 'react';

/** Within this many pixels of the bottom the list follows new lines; further up, the agent is reading back. */
const FOLLOW_SLACK_PX = 48;

/**
 * The scrolling list of a conversation (chat lines, SMS texts): it keeps to the newest line while the agent is at
 * the bottom, and stays put while they read back. `revision` changes whenever something is added or removed.
 */
export function ConversationLog({
  revision,
  emptyText,
  label,
  testId,
  children,
  after,
}: {
  revision: string | number;
  /** Shown instead of an empty list once the history has loaded. */
  emptyText: string | null;
  label: string;
  testId: string;
  children: ReactNode;
  /** Below the list, inside the scroller (the visitor-is-typing mark). */
  after?: ReactNode;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const following = useRef(true);

  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when a line, a pending line or the typing mark comes or goes
  useLayoutEffect(() => {
    const element = scroller.current;
    if (element && following.current) element.scrollTop = element.scrollHeight;
  }, [revision]);

  return (
    <div
      className="chat-scroll"
      ref={scroller}
      onScroll={(event) => {
        const element = event.currentTarget;
        following.current = element.scrollHeight - element.scrollTop - element.clientHeight < FOLLOW_SLACK_PX;
      }}
    >
      {emptyText !== null && <p className="chat-empty muted">{emptyText}</p>}
      <ol className="chat-lines" role="log" aria-live="polite" aria-label={label} data-testid={testId}>
        {children}
      </ol>
      {after}
    </div>
  );
}
