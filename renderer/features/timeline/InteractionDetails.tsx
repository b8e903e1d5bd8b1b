import type { Interaction } from '../../../shared/domain/interaction';
import { formatPhone } from '../../../shared/phone/e164';
import { formatDateTime, formatDuration, formatMoney, formatTime } from '../../i18n/format';
import { useLocale, useT } from '../../i18n/locale-store';
import { ChatAttachmentView } from '../chat/ChatAttachmentView';
import { formatBytes } from '../chat/chat-logic';
import { CallDetails, callSummary } from './CallDetails';
import { CrmDetails, crmSummary } from './CrmDetails';
import { TimelineAttachments, type TimelineFile } from './TimelineAttachments';

/** An email's attachments with the stored files behind them (`attachmentIds` lists them in the same order). */
const storedFiles = (attachments: readonly { name: string; mimeType: string; size: number }[], ids: readonly string[]): TimelineFile[] =>
  attachments.flatMap((attachment, index) => (ids[index] ? [{ ...attachment, attachmentId: ids[index] }] : []));

const phoneOrRaw = (value: string) => (value.startsWith('+') ? formatPhone(value) : value);

/**
 * The expanded part of a timeline item. Every text — email bodies included —
 * is rendered as text by React, never parsed as HTML.
 */
export function InteractionDetails({ interaction }: { interaction: Interaction }) {
  const t = useT();
  const locale = useLocale((state) => state.locale);
  switch (interaction.channel) {
    case 'call':
      return <CallDetails call={interaction} />;
    case 'email':
      return (
        <>
          <dl className="details-grid">
            <dt>{t('detail.from')}</dt>
            <dd>{interaction.from}</dd>
            <dt>{t('detail.to')}</dt>
            <dd>{interaction.to}</dd>
            <dt>{t('detail.subject')}</dt>
            <dd>{interaction.subject || t('detail.noSubject')}</dd>
            {interaction.attachments.length > 0 && interaction.attachmentIds === undefined && (
              <>
                <dt>{t('detail.attachments')}</dt>
                <dd>
                  <ul className="attachments">
                    {interaction.attachments.map((attachment) => (
                      <li key={attachment.name}>
                        {attachment.name} <span className="muted">({formatBytes(attachment.size)})</span>
                      </li>
                    ))}
                  </ul>
                </dd>
              </>
            )}
          </dl>
          <pre className="email-body" data-testid="email-body">
            {interaction.body}
          </pre>
          {interaction.attachmentIds && <TimelineAttachments files={storedFiles(interaction.attachments, interaction.attachmentIds)} />}
        </>
      );
    case 'chat':
      return (
        <ol className="chat-transcript">
          {interaction.messages.map((message, i) => (
            // Messages are append-only and have no ids: their position is their identity.
            // biome-ignore lint/suspicious/noArrayIndexKey: see above
            <li key={i} className={`chat-message from-${message.from}`}>
              <span className="chat-meta">
                {t(`detail.speaker.${message.from}`)} · {formatTime(message.at, locale)}
              </span>
              {message.attachment && <ChatAttachmentView attachment={message.attachment} />}
              {message.text && <span className="chat-text">{message.text}</span>}
            </li>
          ))}
        </ol>
      );
    case 'sms':
      return (
        <>
          <dl className="details-grid">
            <dt>{t('detail.from')}</dt>
            <dd className="mono">{phoneOrRaw(interaction.from)}</dd>
            <dt>{t('detail.to')}</dt>
            <dd className="mono">{phoneOrRaw(interaction.to)}</dd>
          </dl>
          <p className="prewrap">{interaction.text}</p>
        </>
      );
    case 'video':
      return (
        <dl className="details-grid">
          <dt>{t('detail.duration')}</dt>
          <dd>{formatDuration(interaction.durationSec)}</dd>
        </dl>
      );
    case 'note':
      // A merge's audit note reads in the agent's language; the stored text is the hub's English record of it.
      return <p className="prewrap">{interaction.mergedFrom ? t('merge.audit', interaction.mergedFrom) : interaction.text}</p>;
    case 'order':
      return (
        <dl className="details-grid">
          <dt>{t('detail.orderNo')}</dt>
          <dd className="mono">{interaction.orderNo}</dd>
          <dt>{t('detail.amount')}</dt>
          <dd>{formatMoney(interaction.amount, interaction.currency, locale)}</dd>
          <dt>{t('detail.items')}</dt>
          <dd className="prewrap">{interaction.items}</dd>
        </dl>
      );
    case 'complaint':
    case 'follow-up':
    case 'survey':
      return <CrmDetails line={interaction} t={t} locale={locale} />;
  }
}

/** One line that says what happened, for the collapsed item. */
export function useSummary(): (interaction: Interaction) => string {
  const t = useT();
  const locale = useLocale((state) => state.locale);
  return (interaction) => {
    switch (interaction.channel) {
      case 'call':
        return callSummary(t, interaction);
      case 'video':
        return [t(`direction.voice.${interaction.direction}`), formatDuration(interaction.durationSec)].join(' · ');
      case 'email':
        return `${t(`direction.message.${interaction.direction}`)} · ${interaction.subject || t('detail.noSubject')}`;
      case 'chat': {
        const first = interaction.messages.find((message) => message.from === 'customer') ?? interaction.messages[0];
        return [t('detail.messages', { count: interaction.messages.length }), first?.text].filter(Boolean).join(' · ');
      }
      case 'sms':
        return `${t(`direction.message.${interaction.direction}`)} · ${interaction.text}`;
      case 'note':
        return interaction.mergedFrom ? t('merge.audit', interaction.mergedFrom) : interaction.text;
      case 'order':
        return `${interaction.orderNo} · ${formatMoney(interaction.amount, interaction.currency, locale)}`;
      case 'complaint':
      case 'follow-up':
      case 'survey':
        return crmSummary(t, locale, interaction);
    }
  };
}

export const occurredLabel = (interaction: Interaction, locale: Parameters<typeof formatDateTime>[1]) =>
  formatDateTime(interaction.occurredAt, locale);
