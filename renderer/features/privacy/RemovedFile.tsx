import { useEffect, useState } from 'react';
import { ATTACHMENT_PATHS } from '../../../shared/protocol/attachments';
import { useT } from '../../i18n/locale-store';
import { useSession } from '../../store/session';
import { fileIsGone } from './file-gone';

/**
 * Whether a contact file's bytes were removed (retention or erasure): asked
 * once per file shown, so its timeline item can say so instead of offering a
 * download that can only fail.
 */
export function useAttachmentGone(attachmentId: string): boolean {
  const session = useSession((state) => state.current);
  const [gone, setGone] = useState(false);
  useEffect(() => {
    if (!session) return;
    let current = true;
    void fileIsGone(new URL(`${ATTACHMENT_PATHS.file}${attachmentId}`, session.hubUrl).href, session.accessToken).then((answer) => current && setGone(answer));
    return () => {
      current = false;
    };
  }, [attachmentId, session]);
  return gone;
}

/** A removed file's place on the timeline. */
export function RemovedFile({ name }: { name: string }) {
  const t = useT();
  return (
    <p className="muted privacy-removed" data-testid="timeline-file-removed">
      {t('privacy.file.removed', { name })}
    </p>
  );
}
