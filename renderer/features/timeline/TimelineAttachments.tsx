import { useEffect, useState } from 'react';
import { previewKind } from '../../../shared/protocol/attachments';
import { useT } from '../../i18n/locale-store';
import { formatBytes } from '../chat/chat-logic';
import { fetchHubFile, saveFile } from './hub-file';
import { RemovedFile, useAttachmentGone } from '../privacy/RemovedFile';

export type TimelineFile = { attachmentId: string; name: string; mimeType: string; size: number };

type Loaded = { state: 'loading' } | { state: 'ready'; url: string } | { state: 'failed' };

/** The file's bytes as a page-local URL, fetched once while shown and released after. */
function useBlobUrl(attachmentId: string): Loaded {
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  useEffect(() => {
    const abort = new AbortController();
    let url: string | null = null;
    void fetchHubFile(attachmentId, abort.signal).then((blob) => {
      if (abort.signal.aborted) return;
      if (!blob) return setLoaded({ state: 'failed' });
      url = URL.createObjectURL(blob);
      setLoaded({ state: 'ready', url });
    });
    return () => {
      abort.abort();
      if (url) URL.revokeObjectURL(url);
    };
  }, [attachmentId]);
  return loaded;
}

/** Anything not shown inline: name, size and type, and a download the agent asks for. */
function FileCard({ file }: { file: TimelineFile }) {
  const t = useT();
  const [failed, setFailed] = useState(false);
  // ── data protection: a file removed under the retention policy or by an erasure says so instead ──
  const gone = useAttachmentGone(file.attachmentId);
  if (gone) return <RemovedFile name={file.name} />;
  async function download() {
    const blob = await fetchHubFile(file.attachmentId);
    if (!blob) return setFailed(true);
    saveFile(blob, file.name);
  }
  return (
    <div className="tl-file" data-testid="timeline-file" data-kind="file">
      <span className="tl-file-name">{file.name}</span>
      <span className="muted">
        {formatBytes(file.size)} · {file.mimeType}
      </span>
      <button type="button" className="button small" onClick={() => void download()} aria-label={t('attachment.downloadName', { name: file.name, size: formatBytes(file.size) })}>
        {t('attachment.download')}
      </button>
      {failed && <span className="form-error">{t('attachment.failed', { name: file.name })}</span>}
    </div>
  );
}

/** A picture, a sound or a film shown in place; a card if the hub cannot hand it over now (offline). */
function InlineFile({ file, kind }: { file: TimelineFile; kind: 'image' | 'audio' | 'video' }) {
  const t = useT();
  const loaded = useBlobUrl(file.attachmentId);
  if (loaded.state === 'failed') return <FileCard file={file} />;
  if (loaded.state === 'loading') return <p className="muted">{t('attachment.loading', { name: file.name })}</p>;
  return (
    <figure className="tl-media" data-testid="timeline-file" data-kind={kind}>
      {kind === 'image' && <img src={loaded.url} alt={t('attachment.image', { name: file.name })} />}
      {kind === 'audio' && (
        // biome-ignore lint/a11y/useMediaCaption: a customer's voice message or clip comes with no captions to add
        <audio controls src={loaded.url} aria-label={file.name} />
      )}
      {kind === 'video' && (
        // biome-ignore lint/a11y/useMediaCaption: a customer's video comes with no captions to add
        <video controls src={loaded.url} aria-label={file.name} />
      )}
      <figcaption className="muted">
        {file.name} · {formatBytes(file.size)}
      </figcaption>
    </figure>
  );
}

/** A timeline item's files: pictures, sound and film preview inline (by their sniffed type), others as cards. */
export function TimelineAttachments({ files }: { files: readonly TimelineFile[] }) {
  return (
    <div className="tl-attachments">
      {files.map((file) => {
        const kind = previewKind(file.mimeType);
        return kind === 'file' ? <FileCard key={file.attachmentId} file={file} /> : <InlineFile key={file.attachmentId} file={file} kind={kind} />;
      })}
    </div>
  );
}
