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
