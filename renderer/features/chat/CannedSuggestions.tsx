import type { CannedResponse } from '../../../shared/domain/chat';
import { useT } from '../../i18n/locale-store';

export const suggestionId = (index: number) => `chat-canned-${index}`;

/** The list under a `/word` in the composer; the composer keeps the keyboard, this only shows and takes clicks. */
export function CannedSuggestions({
  query,
  matches,
  active,
  onPick,
}: {
  query: string;
  matches: readonly CannedResponse[];
  active: number;
  onPick(response: CannedResponse): void;
}) {
  const t = useT();
  return (
    <div className="canned-popup" data-testid="canned-suggestions">
      {matches.length === 0 ? (
        <p className="canned-none muted">{t('chat.canned.none', { query })}</p>
      ) : (
        <div className="canned-list" id="chat-canned-list" role="listbox" aria-label={t('chat.canned.label')}>
          {matches.map((response, index) => (
            <div
              key={response.id}
              id={suggestionId(index)}
              role="option"
              tabIndex={-1}
              aria-selected={index === active}
              className={`canned-option${index === active ? ' is-active' : ''}`}
              // mousedown, not click: the textarea must not lose focus (and the caret) first.
              onMouseDown={(event) => {
                event.preventDefault();
                onPick(response);
              }}
              data-testid="canned-option"
              data-shortcut={response.shortcut}
            >
              <span className="canned-head">
                <span className="canned-shortcut mono">/{response.shortcut}</span>
                <span className="canned-title">{response.title}</span>
                <span className={`canned-scope${response.ownerId ? ' is-mine' : ''}`}>
                  {response.ownerId ? t('chat.canned.mine') : t('chat.canned.shared')}
                </span>
              </span>
              <span className="canned-text">{response.text}</span>
            </div>
          ))}
        </div>
      )}
      <p className="canned-hint">{t('chat.canned.hint')}</p>
    </div>
  );
}
