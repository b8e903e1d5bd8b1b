import { useState } from 'react';
import { SMS_TEXT_MAX } from '../../../shared/protocol/sms';
import { smsSegments } from '../../../shared/sms/segments';
import { useT } from '../../i18n/locale-store';
import { SendIcon } from '../chat/chat-icons';
import type { SmsProblem } from './sms-client';
import { useSmsServices } from './sms-context';
import { smsProblemKey } from './sms-logic';

/**
 * The reply box: the encoding and SMS count follow every keystroke (one
 * Chinese character turns the whole text into UCS-2, 70 characters a part),
 * because the customer's carrier bills per part. Enter sends, Shift+Enter
 * starts a new line.
 */
export function SmsComposer({ taskId, draft, disabled, optedOut }: { taskId: string; draft: string; disabled: boolean; optedOut: boolean }) {
  const t = useT();
  const { client } = useSmsServices();
  const [problem, setProblem] = useState<SmsProblem | null>(null);
  const counter = smsSegments(draft);

  async function send(): Promise<void> {
    if (disabled || draft.trim().length === 0) return;
    const result = await client.send(taskId, draft);
    if (!result.ok) return setProblem(result.problem);
    setProblem(null);
    client.setDraft(taskId, '');
  }

  return (
    <div className="chat-composer" data-testid="sms-composer">
      {optedOut && (
        <p className="form-error chat-composer-error" role="alert" data-testid="sms-opted-out-error">
          {t('sms.problem.opted-out')}
        </p>
      )}
      {problem && (
        <p className="form-error chat-composer-error" role="alert" data-testid="sms-composer-error">
          {problem === 'too-large' ? t('sms.tooLong', { max: SMS_TEXT_MAX }) : t(smsProblemKey(problem, null))}
        </p>
      )}
      <div className="chat-composer-box">
        <textarea
          rows={3}
          value={draft}
          disabled={disabled}
          maxLength={SMS_TEXT_MAX}
          placeholder={t('sms.placeholder')}
          aria-label={t('sms.placeholder')}
          aria-describedby="sms-counter"
          onChange={(event) => client.setDraft(taskId, event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
              event.preventDefault();
              void send();
            }
          }}
          data-testid="sms-input"
        />
        <div className="chat-composer-tools">
          <span
            id="sms-counter"
            className={`sms-counter mono is-${counter.encoding === 'UCS-2' ? 'ucs2' : 'gsm7'}`}
            title={t('sms.counterHint')}
            data-testid="sms-counter"
            data-encoding={counter.encoding}
            data-segments={counter.segments}
          >
            {t('sms.counter', { encoding: t(`sms.encoding.${counter.encoding}`), segments: counter.segments, remaining: counter.remaining })}
          </span>
          <button type="button" className="button primary chat-send" disabled={disabled || draft.trim().length === 0} onClick={() => void send()} data-testid="sms-send">
            <SendIcon />
            {t('sms.send')}
          </button>
        </div>
      </div>
    </div>
  );
}
