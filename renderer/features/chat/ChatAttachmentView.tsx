import { useT } from '../../i18n/locale-store';
import { useSession } from '../../store/session';
import { formatBytes, hubHref, isImage } from './chat-logic';
import { FileIcon } from './chat-icons';
import './chat.css';

/**
 * A file in a chat or a transcript: images inline, anything else as a
 * download link. The URL is a capability path on the hub, so it needs the
 * hub's address in front of it in Electron, where the page is local.
 */
export function ChatAttachmentView({ attachment }: { attachment: { name: string; mimeType: string; size: number; url: string } }) {
  const t = useT();
  const hubUrl = useSession((state) => state.current?.hubUrl ?? globalThis.location.origin);
  const href = hubHref(hubUrl, attachment.url);
  if (isImage(attachment.mimeType)) {
    return (
      <a className="chat-image-link" href={href} target="_blank" rel="noreferrer" data-testid="chat-image">
        <img className="chat-image" src={href} alt={t('chat.image', { name: attachment.name })} loading="lazy" />
      </a>
    );
  }
  return (
    <a
      className="chat-file"
      href={href}
      target="_blank"
      rel="noreferrer"
      download={attachment.name}
      aria-label={t('chat.download', { name: attachment.name, size: formatBytes(attachment.size) })}
      data-testid="chat-file"
    >
      <FileIcon />
      <span className="chat-file-name">{attachment.name}</span>
      <span className="chat-file-size">{formatBytes(attachment.size)}</span>
    </a>
  );
}
