import { useEffect, useMemo, useRef, useState } from 'react';
import type { EmailMessage } from '../../../shared/domain/email';
import { useT } from '../../i18n/locale-store';
import { getPlatform } from '../../platform/platform';
import { fetchFile } from './email-client';
import { useEmailServices } from './email-context';
import { frameDocument, sanitiseEmailHtml } from './sanitise-email';

const blobToDataUrl = (blob: Blob): Promise<string> =>
  new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(blob);
  });

/** The mail's inline images (`cid:` parts), as data: URLs the sandboxed frame may show (it cannot read the page's blob: URLs). */
function useInlineImages(message: EmailMessage): ReadonlyMap<string, string> {
  const services = useEmailServices();
  const [images, setImages] = useState<ReadonlyMap<string, string>>(new Map());
  // Keyed by the parts themselves, not the message object: a thread reload hands over equal messages, and refetching would reload the frame.
  const parts = message.attachments.filter((file) => file.cid !== null && file.mimeType.startsWith('image/') && !file.dangerous);
  const partsKey = parts.map((file) => `${file.attachmentId}:${file.cid}`).join(' ');
  const partsRef = useRef(parts);
  partsRef.current = parts;
  useEffect(() => {
    let active = true;
    if (partsKey === '') return;
    const parts = partsRef.current;
    void Promise.all(
      parts.map(async (file) => {
        const result = await fetchFile(services, message.id, file.attachmentId);
        return result.ok ? ([(file.cid ?? '').replace(/[<>]/g, '').toLowerCase(), await blobToDataUrl(result.data)] as const) : null;
      }),
    ).then((found) => {
      if (active) setImages(new Map(found.filter((entry): entry is readonly [string, string] => entry !== null)));
    });
    return () => {
      active = false;
    };
  }, [services, message.id, partsKey]);
  return images;
}

/**
 * The frame's starting height, guessed from the text alternative's lines
 * and the HTML's blocks: the page cannot measure a frame it shares no
 * origin with. The agent can drag it taller.
 */
export function frameHeight(text: string, html: string): number {
  const lines = text.split('\n').reduce((sum, line) => sum + Math.max(1, Math.ceil(line.length / 60)), 0);
  const blocks = html.match(/<(p|br|div|tr|li|h[1-6]|img|blockquote)\b/gi)?.length ?? 0;
  return Math.min(420, Math.max(120, 40 + Math.max(lines * 22, blocks * 30)));
}

/**
 * A mail's HTML body: sanitised, then shown in a frame that runs no script
 * and shares nothing with the desktop. Remote images wait for the agent's
 * "show images" (for this message only); links are listed under the frame
 * and open in the browser after a confirm.
 */
export function HtmlBody({ message, html }: { message: EmailMessage; html: string }) {
  const t = useT();
  const [allowImages, setAllowImages] = useState(false);
  const inlineImages = useInlineImages(message);
  const clean = useMemo(() => sanitiseEmailHtml(html, { allowRemoteImages: allowImages, inlineImages }), [html, allowImages, inlineImages]);
  const doc = useMemo(() => frameDocument(clean, allowImages), [clean, allowImages]);

  function open(href: string) {
    if (window.confirm(t('email.openLink', { url: href }))) getPlatform().openExternal(href);
  }

  return (
    <div className="email-html">
      {clean.blockedImages > 0 && !allowImages && (
        <div className="email-images-bar" data-testid="email-images-blocked">
          <span>{t('email.imagesBlocked')}</span>
          <button type="button" className="button small" onClick={() => setAllowImages(true)} data-testid="email-show-images">
            {t('email.showImages', { count: clean.blockedImages })}
          </button>
        </div>
      )}
      {/* No allow-scripts, no allow-same-origin: the mail gets an opaque origin and cannot run anything. */}
      <iframe
        className="email-frame"
        title={message.subject}
        sandbox=""
        srcDoc={doc}
        referrerPolicy="no-referrer"
        style={{ height: frameHeight(message.text, clean.html) }}
        data-testid="email-frame"
      />
      {clean.links.length > 0 && (
        <div className="email-links" data-testid="email-links">
          <span className="muted">{t('email.links')}</span>
          <ol>
            {clean.links.map((link) => (
              <li key={link.n} value={link.n}>
                <button type="button" className="link-button" title={link.href} onClick={() => open(link.href)} data-testid="email-link">
                  {link.text || link.href}
                </button>
                <span className="email-link-url mono">{link.href}</span>
              </li>
            ))}
          </ol>
        </div>
      )}
    </div>
  );
}
