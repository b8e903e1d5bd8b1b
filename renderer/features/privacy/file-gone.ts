/** The status a removed file is answered with (hub/http/error-status.ts maps `gone` to it). */
const HTTP_GONE = 410;

/**
 * Whether a stored file the timeline could not load was removed for good
 * (the hub answers 410 `gone`: retention policy or the customer's erasure),
 * rather than being out of reach now (offline, a refusal). Asked with HEAD
 * so no bytes travel.
 */
export async function fileIsGone(url: string, accessToken: string | null): Promise<boolean> {
  try {
    const response = await fetch(url, { method: 'HEAD', ...(accessToken ? { headers: { authorization: `Bearer ${accessToken}` } } : {}) });
    return response.status === HTTP_GONE;
  } catch {
    return false;
  }
}
