import { useEffect, useMemo, useRef, useState } from 'react';
import type { EmailMessage, EmailThread } from '../../../shared/domain/email';
import type { Signatures } from '../../../shared/protocol/email-outbound';
import { signatureText } from '../../../shared/email/reply-body';
import { cacheSignatures, cachedSignatures, deleteEmailDraft, saveEmailDraft } from '../../db/email-drafts';
import { useDb } from '../../db/context';
import type { EmailDraft } from '../../db/schema';
import { formatDateTime } from '../../i18n/format';
import { useLocale, useT } from '../../i18n/locale-store';
import { useSync } from '../../sync/context';
import { sendEmail } from '../../sync/mutations';
import { useChat } from '../chat/chat-context';
import { matchCanned } from '../chat/canned-match';
import { CannedSuggestions } from '../chat/CannedSuggestions';
import { formatBytes } from '../chat/chat-logic';
import { type DraftProblem, sendArgsOf } from './compose-draft';
import { type EmailProblem, loadSignatures, saveMySignature, uploadFile } from './email-client';
import { useEmailServices } from './email-context';
import { RichTextEditor, type RichTextEditorHandle } from './RichTextEditor';
import { composerText } from './sanitise-email';

const DRAFT_SAVE_MS = 400;

/** My signature and the queue's: from the hub when it is there (and kept), else as last kept. */
function useSignatures(queueId: string, reachable: boolean): [Signatures, (agent: string) => Promise<EmailProblem | null>] {
  const db = useDb();
  const { socket } = useEmailServices();
  const [signatures, setSignatures] = useState<Signatures>({ agent: '', queue: '' });
  useEffect(() => {
    let active = true;
    void cachedSignatures(db, queueId).then((cached) => active && cached && setSignatures(cached));
    if (reachable) {
      void loadSignatures(socket, queueId).then((result) => {
        if (!active || !result.ok) return;
        setSignatures(result.data);
        void cacheSignatures(db, queueId, result.data);
      });
    }
    return () => {
      active = false;
    };
  }, [db, socket, queueId, reachable]);
  const saveAgent = async (agent: string): Promise<EmailProblem | null> => {
    const result = await saveMySignature(socket, agent);
    if (!result.ok) return result.problem;
    const next = { ...signatures, agent };
    setSignatures(next);
    await cacheSignatures(db, queueId, next);
    return null;
  };
  return [signatures, saveAgent];
}

function problemText(t: ReturnType<typeof useT>, problem: DraftProblem): string {
  switch (problem.kind) {
    case 'bad-address':
      return t('email.compose.badAddress', { address: problem.address });
    case 'no-recipient':
      return t('email.compose.noRecipient');
    case 'no-subject':
      return t('email.compose.noSubject');
    case 'empty':
      return t('email.compose.empty');
  }
}

/**
 * The reply composer: recipients (Cc/Bcc on demand), subject, the rich-text
 * words, canned replies, files (uploaded to the hub first), the signature,
 * and the quoted mail. Every keystroke is kept as a draft in the desktop's
 * cache; sending queues the `email.send` mutation, so it goes even if the
 * hub is away right now.
 */
export function EmailComposer({
  draft: initial,
  parent,
  thread,
  reachable,
  onClose,
}: {
  draft: EmailDraft;
  parent: EmailMessage;
  thread: EmailThread;
  reachable: boolean;
  onClose(queued: boolean): void;
}) {
  const t = useT();
  const locale = useLocale((state) => state.locale);
  const db = useDb();
  const services = useEmailServices();
  const { mutation } = useSync();
  const canned = useChat((state) => state.canned);
  const editor = useRef<RichTextEditorHandle>(null);
  const [draft, setDraft] = useState(initial);
  const [showCc, setShowCc] = useState(initial.cc !== '' || initial.bcc !== '');
  const [problem, setProblem] = useState<string | null>(null);
  const [uploading, setUploading] = useState<string | null>(null);
  const [cannedQuery, setCannedQuery] = useState<string | null>(null);
  const [editingSignature, setEditingSignature] = useState<string | null>(null);
  const [signatures, saveAgentSignature] = useSignatures(thread.queueId, reachable);

  // Kept a moment after the last change, so a crash or a restart loses at most that moment.
  const closing = useRef(false);
  useEffect(() => {
    // Once sent or discarded, a save still waiting must not bring the draft back.
    const timer = setTimeout(() => !closing.current && void saveEmailDraft(db, draft), DRAFT_SAVE_MS);
    return () => clearTimeout(timer);
  }, [db, draft]);

  const change = (patch: Partial<EmailDraft>) => {
    setDraft((current) => ({ ...current, ...patch, updatedAt: Date.now() }));
    setProblem(null);
  };

  const who = parent.from.name ? `${parent.from.name} <${parent.from.address}>` : parent.from.address;
  const when = formatDateTime(parent.at, locale);
  const words = useMemo(
    () => ({
      quoteHeading: t('email.compose.quoteHeading', { date: when, who }),
      forward: { heading: t('email.compose.forwardHeading'), from: t('email.from'), date: t('email.date'), subject: t('email.subject'), to: t('email.to'), when },
    }),
    [t, when, who],
  );

  async function attach(files: FileList | null) {
    if (!files) return;
    if (!reachable) return setProblem(t('email.compose.uploadOffline'));
    for (const file of Array.from(files)) {
      setUploading(file.name);
      const result = await uploadFile(services, file);
      setUploading(null);
      if (!result.ok) {
        setProblem(t('email.compose.uploadFailed', { name: file.name, reason: t(`error.${result.problem}`) }));
        continue;
      }
      setDraft((current) => ({ ...current, attachments: [...current.attachments, result.data], updatedAt: Date.now() }));
    }
  }

  async function send() {
    const html = editor.current?.html() ?? draft.html;
    const result = sendArgsOf({ ...draft, html }, { html, text: composerText(html) }, parent, thread.customerId, signatures, words);
    if (!result.ok) return setProblem(problemText(t, result.problem));
    closing.current = true;
    const sent = await sendEmail(mutation, result.args);
    if (sent.name === 'email.send') await saveEmailDraft(db, { ...draft, html, queuedAs: sent.args.emailId, updatedAt: Date.now() });
    onClose(true);
  }

  async function discard() {
    closing.current = true;
    await deleteEmailDraft(db, draft.taskId);
    onClose(false);
  }

  const matches = cannedQuery === null ? [] : matchCanned(canned, cannedQuery);
  const signature = signatureText(signatures.agent, signatures.queue);
  const field = (key: 'to' | 'cc' | 'bcc', label: string) => (
    <label className="email-field">
      <span>{label}</span>
      <input value={draft[key]} onChange={(event) => change({ [key]: event.target.value })} placeholder={t('email.compose.toHint')} data-testid={`email-compose-${key}`} />
    </label>
  );

  return (
    <section className="email-composer" aria-label={t(`email.compose.${draft.mode}`)} data-testid="email-composer" data-mode={draft.mode}>
      <h3 className="email-composer-title">{t(`email.compose.${draft.mode}`)}</h3>
      <div className="email-fields">
        {field('to', t('email.to'))}
        {showCc ? (
          <>
            {field('cc', t('email.cc'))}
            {field('bcc', t('email.bcc'))}
          </>
        ) : (
          <button type="button" className="link-button email-show-cc" onClick={() => setShowCc(true)} data-testid="email-show-cc">
            {t('email.compose.showCc')}
          </button>
        )}
        <label className="email-field">
          <span>{t('email.subject')}</span>
          <input value={draft.subject} onChange={(event) => change({ subject: event.target.value })} data-testid="email-compose-subject" />
        </label>
      </div>
      <RichTextEditor ref={editor} initialHtml={draft.html} onChange={(html) => change({ html })} label={t('email.compose.body')} />
      <div className="email-composer-tools">
        <button type="button" className="button small" onClick={() => setCannedQuery(cannedQuery === null ? '' : null)} data-testid="email-canned">
          {t('email.compose.canned')}
        </button>
        <label className={`button small${reachable ? '' : ' is-disabled'}`} data-testid="email-attach">
          {t('email.compose.attach')}
          <input
            type="file"
            multiple
            hidden
            onChange={(event) => {
              void attach(event.target.files);
              event.target.value = '';
            }}
            data-testid="email-attach-input"
          />
        </label>
        {uploading && <span className="muted">{t('email.compose.uploading', { name: uploading })}</span>}
      </div>
      {cannedQuery !== null && (
        <div className="email-canned">
          <input
            // biome-ignore lint/a11y/noAutofocus: the agent just asked for the picker
            autoFocus
            value={cannedQuery}
            placeholder={t('email.compose.cannedSearch')}
            onChange={(event) => setCannedQuery(event.target.value)}
            onKeyDown={(event) => event.key === 'Escape' && setCannedQuery(null)}
            data-testid="email-canned-search"
          />
          <CannedSuggestions
            query={cannedQuery}
            matches={matches}
            active={0}
            onPick={(response) => {
              setCannedQuery(null);
              editor.current?.insertText(response.text);
            }}
          />
        </div>
      )}
      {draft.attachments.length > 0 && (
        <ul className="email-chips" data-testid="email-compose-files">
          {draft.attachments.map((file) => (
            <li key={file.attachmentId} className="email-chip">
              <span>{file.name}</span>
              <span className="muted">{formatBytes(file.size)}</span>
              <button
                type="button"
                className="link-button"
                aria-label={t('email.compose.removeFile', { name: file.name })}
                onClick={() => change({ attachments: draft.attachments.filter((other) => other.attachmentId !== file.attachmentId) })}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="email-signature" data-testid="email-signature">
        <span className="muted">{t('email.compose.signature')}</span>
        {editingSignature === null ? (
          <>
            <pre>{signature}</pre>
            <button type="button" className="link-button" disabled={!reachable} onClick={() => setEditingSignature(signatures.agent)} data-testid="email-edit-signature">
              {t('email.compose.editSignature')}
            </button>
          </>
        ) : (
          <>
            <textarea value={editingSignature} rows={3} onChange={(event) => setEditingSignature(event.target.value)} data-testid="email-signature-input" />
            <button
              type="button"
              className="button small"
              onClick={() =>
                void saveAgentSignature(editingSignature).then((failure) =>
                  failure ? setProblem(t('email.retryFailed', { reason: t(`error.${failure}`) })) : setEditingSignature(null),
                )
              }
              data-testid="email-save-signature"
            >
              {t('email.compose.saveSignature')}
            </button>
          </>
        )}
      </div>
      <p className="muted email-quote-note">{t('email.compose.quoted')}</p>
      {problem && (
        <p className="email-problem" role="alert" data-testid="email-compose-problem">
          {problem}
        </p>
      )}
      <div className="email-composer-actions">
        <button type="button" className="button ghost" onClick={() => void discard()} data-testid="email-discard">
          {t('email.compose.discard')}
        </button>
        <button type="button" className="button primary" disabled={uploading !== null} onClick={() => void send()} data-testid="email-send">
          {t('email.compose.send')}
        </button>
      </div>
    </section>
  );
}
