import { useEffect, useState } from 'react';
import type { EmailAttachment } from '../../../shared/domain/email';
import { previewKind } from '../../../shared/protocol/attachments';
import { useT } from '../../i18n/locale-store';
import { formatBytes } from '../chat/chat-logic';
import { saveFile } from '../timeline/hub-file';
import { type EmailProblem, fetchFile } from './email-client';
import { useEmailServices } from './email-context';

type PreviewKind = 'image' | 'audio' | 'video' | null;

/** What the browser may show in place: by the type the hub sniffed (as the timeline does), never a flagged file. */
function inlineKind(file: Pick<EmailAttachment, 'mimeType' | 'dangerous'>): PreviewKind {
  if (file.dangerous) return null;
  const kind = previewKind(file.mimeType);
  return kind === 'file' ? null : kind;
}

function Preview({ emailId, file, kind }: { emailId: string; file: EmailAttachment; kind: Exclude<PreviewKind, null> }) {
  const services = useEmailServices();
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    let made: string | null = null;
    let active = true;
    void fetchFile(services, emailId, file.attachmentId).then((result) => {
      if (!active || !result.ok) return;
      made = URL.createObjectURL(result.data);
      setUrl(made);
    });
    return () => {
      active = false;
      if (made) URL.revokeObjectURL(made);
    };
  }, [services, emailId, file.attachmentId]);
  if (!url) return null;
  if (kind === 'image') return <img className="email-file-preview" src={url} alt={file.name} data-testid="email-file-image" />;
  if (kind === 'audio') {
    // biome-ignore lint/a11y/useMediaCaption: a customer's attached recording comes with no caption track
    return <audio className="email-file-preview" src={url} controls preload="metadata" data-testid="email-file-audio" />;
  }
  // biome-ignore lint/a11y/useMediaCaption: a customer's attached video comes with no caption track
  return <video className="email-file-preview" src={url} controls preload="metadata" data-testid="email-file-video" />;
}

/**
 * A mail's files: name, size and type; pictures, sound and video shown in
 * place. A file flagged dangerous is never previewed or opened, and is
 * downloaded only after the agent confirms.
 */
export function EmailAttachments({ emailId, files }: { emailId: string; files: readonly EmailAttachment[] }) {
  const t = useT();
  const services = useEmailServices();
  const [problem, setProblem] = useState<EmailProblem | null>(null);
  const listed = files.filter((file) => file.cid === null || inlineKind(file) === null);
  if (listed.length === 0) return null;

  async function download(file: EmailAttachment) {
    if (file.dangerous && !window.confirm(t('email.dangerousConfirm', { name: file.name }))) return;
    const result = await fetchFile(services, emailId, file.attachmentId);
    if (!result.ok) return setProblem(result.problem);
    setProblem(null);
    saveFile(result.data, file.name);
  }

  return (
    <section className="email-files" aria-label={t('email.attachments')} data-testid="email-files">
      {listed.map((file) => {
        const kind = inlineKind(file);
        return (
          <div key={file.attachmentId} className={`email-file${file.dangerous ? ' is-dangerous' : ''}`} data-testid="email-file" data-dangerous={file.dangerous}>
            <div className="email-file-head">
              <span className="email-file-name">{file.name}</span>
              <span className="email-file-meta muted">
                {formatBytes(file.size)} · {file.mimeType}
              </span>
              <button type="button" className="button small" onClick={() => void download(file)} data-testid="email-file-download">
                {t('email.download')}
              </button>
            </div>
            {file.dangerous && (
              <p className="email-file-warning" role="alert">
                ⚠ {t('email.dangerous')}
              </p>
            )}
            {kind && <Preview emailId={emailId} file={file} kind={kind} />}
          </div>
        );
      })}
      {problem && <p className="email-problem">{t('email.fileFailed', { reason: t(`error.${problem}`) })}</p>}
    </section>
  );
}
