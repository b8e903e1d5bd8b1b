import { ATTACHMENT_PATHS } from '../../../shared/protocol/attachments';
import { useSession } from '../../store/session';

/**
 * A stored file's bytes from the hub's attachment route, with the session's
 * token (an <img> or <audio> cannot send one), as a blob the page can show.
 * Null when the hub cannot be reached or refuses: the timeline then offers
 * the file's card instead.
 */
export async function fetchHubFile(attachmentId: string, signal?: AbortSignal): Promise<Blob | null> {
  const session = useSession.getState().current;
  if (!session) return null;
  try {
    const response = await fetch(new URL(`${ATTACHMENT_PATHS.file}${attachmentId}`, session.hubUrl), {
      headers: { authorization: `Bearer ${session.accessToken}` },
      ...(signal ? { signal } : {}),
    });
    return response.ok ? await response.blob() : null;
  } catch {
    return null;
  }
}

/** Hands fetched bytes to the browser's download under the file's own name; the URL is released once it has been taken. */
export function saveFile(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
