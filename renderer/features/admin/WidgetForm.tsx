import { type FormEvent, useState } from 'react';
import { AskFieldSchema, type ChatWidget } from '../../../shared/domain/chat';
import type { Queue } from '../../../shared/domain/routing';
import type { MessageKey } from '../../i18n/translate';
import { useT } from '../../i18n/locale-store';
import { useAdmin } from './admin-context';
import { EmbedSnippet } from './EmbedSnippet';
import type { FieldErrors } from './field-errors';
import { FieldMessage, isInvalid } from './FieldMessage';
import { SaveBar } from './SaveBar';
import { useSave } from './use-save';
import { chatQueues, type WidgetDraft, widgetFromDraft } from './widget-form';

type Props = { initial: WidgetDraft; isNew: boolean; takenIds: readonly string[]; queues: readonly Queue[]; onSaved(widget: ChatWidget): void };

type TextKey = 'greeting' | 'closedMessage' | 'maxWaitMessage';
const MESSAGES: readonly { key: TextKey; label: MessageKey; help: MessageKey }[] = [
  { key: 'greeting', label: 'admin.widget.greeting', help: 'admin.widget.greetingHelp' },
  { key: 'closedMessage', label: 'admin.widget.closedMessage', help: 'admin.widget.closedMessageHelp' },
  { key: 'maxWaitMessage', label: 'admin.widget.maxWaitMessage', help: 'admin.widget.maxWaitMessageHelp' },
];

function AskSelect({ label, value, onChange, testId }: { label: string; value: WidgetDraft['askName']; onChange(value: WidgetDraft['askName']): void; testId: string }) {
  const t = useT();
  return (
    <label className="field">
      <span>{label}</span>
      <select
        value={value}
        onChange={(event) => {
          const parsed = AskFieldSchema.safeParse(event.target.value);
          if (parsed.success) onChange(parsed.data);
        }}
        data-testid={testId}
      >
        {AskFieldSchema.options.map((option) => (
          <option key={option} value={option}>
            {t(`admin.widget.ask.${option}`)}
          </option>
        ))}
      </select>
    </label>
  );
}

function QueueSelect(props: { label: string; path: string; value: string; choices: readonly Queue[]; none: string; errors: FieldErrors; onChange(id: string): void; testId: string }) {
  return (
    <label className="field">
      <span>{props.label}</span>
      <select value={props.value} aria-invalid={isInvalid(props.errors, props.path)} onChange={(event) => props.onChange(event.target.value)} data-testid={props.testId}>
        <option value="">{props.none}</option>
        {props.choices.map((queue) => (
          <option key={queue.id} value={queue.id}>
            {queue.name}
          </option>
        ))}
      </select>
      <FieldMessage errors={props.errors} paths={props.path} />
    </label>
  );
}

/** A website chat widget: where its chats queue, what the visitor is asked and told, which sites may embed it. */
export function WidgetForm({ initial, isNew, takenIds, queues, onSaved }: Props) {
  const t = useT();
  const { client, canEdit, hubUrl } = useAdmin();
  const [draft, setDraft] = useState(initial);
  const { errors, status, save, touched } = useSave('widget', client.saveWidget, onSaved);
  const edit = (change: Partial<WidgetDraft>) => {
    setDraft({ ...draft, ...change });
    touched();
  };
  const editText = (key: TextKey, value: string) => {
    setDraft({ ...draft, [key]: value });
    touched();
  };

  function submit(event: FormEvent) {
    event.preventDefault();
    void save(widgetFromDraft(draft, { isNew, takenIds, queues }));
  }

  return (
    <form className="admin-form" onSubmit={submit} aria-label={isNew ? t('admin.widget.new') : draft.name} data-testid="widget-form" noValidate>
      <fieldset disabled={!canEdit}>
        <h2>{isNew ? t('admin.widget.new') : draft.name}</h2>
        <section className="admin-section admin-grid">
          <label className="field">
            <span>{t('admin.widget.id')}</span>
            <input
              value={draft.id}
              maxLength={40}
              readOnly={!isNew}
              aria-invalid={isInvalid(errors, 'id')}
              onChange={(event) => edit({ id: event.target.value })}
              data-testid="widget-id"
            />
            <FieldMessage errors={errors} paths="id" />
          </label>
          <label className="field">
            <span>{t('admin.widget.name')}</span>
            <input value={draft.name} maxLength={80} aria-invalid={isInvalid(errors, 'name')} onChange={(event) => edit({ name: event.target.value })} data-testid="widget-name" />
            <FieldMessage errors={errors} paths="name" />
          </label>
          <QueueSelect
            label={t('admin.widget.queue')}
            path="queueId"
            value={draft.queueId}
            choices={chatQueues(queues)}
            none={t('admin.choose')}
            errors={errors}
            onChange={(queueId) => edit({ queueId })}
            testId="widget-queue"
          />
          <QueueSelect
            label={t('admin.widget.followUpQueue')}
            path="followUpQueueId"
            value={draft.followUpQueueId}
            choices={queues}
            none={t('admin.widget.followUpDefault')}
            errors={errors}
            onChange={(followUpQueueId) => edit({ followUpQueueId })}
            testId="widget-follow-up"
          />
          <AskSelect label={t('admin.widget.askName')} value={draft.askName} onChange={(askName) => edit({ askName })} testId="widget-ask-name" />
          <AskSelect label={t('admin.widget.askEmail')} value={draft.askEmail} onChange={(askEmail) => edit({ askEmail })} testId="widget-ask-email" />
        </section>
        <section className="admin-section">
          {MESSAGES.map(({ key, label, help }) => (
            <label key={key} className="field">
              <span>{t(label)}</span>
              <textarea
                rows={2}
                maxLength={500}
                value={draft[key]}
                placeholder={t(help)}
                aria-invalid={isInvalid(errors, key)}
                onChange={(event) => editText(key, event.target.value)}
                data-testid={`widget-${key}`}
              />
              <FieldMessage errors={errors} paths={key} />
            </label>
          ))}
          <label className="field">
            <span>{t('admin.widget.allowedOrigins')}</span>
            <textarea
              rows={3}
              className="mono"
              value={draft.allowedOrigins}
              placeholder="https://shop.example.com"
              aria-invalid={isInvalid(errors, 'allowedOrigins')}
              onChange={(event) => edit({ allowedOrigins: event.target.value })}
              data-testid="widget-origins"
            />
            <small className="admin-help">{t('admin.widget.allowedOriginsHelp')}</small>
            <FieldMessage errors={errors} paths="allowedOrigins" />
          </label>
        </section>
        <section className="admin-section">
          <label className="admin-check">
            <input type="checkbox" checked={draft.calls} onChange={(event) => edit({ calls: event.target.checked })} data-testid="widget-calls" />
            {t('admin.widget.calls')}
          </label>
          <p className="admin-help">{t('admin.widget.callsHelp')}</p>
        </section>
      </fieldset>
      {!isNew && <EmbedSnippet hubUrl={hubUrl} widgetId={draft.id.trim()} />}
      <SaveBar status={status} />
    </form>
  );
}
