import type { VisitorLocale } from '../../../shared/protocol/visitor';
import { pickWidgetLocale } from '../i18n/widget-text';

/** What the site's `<script src=… data-widget=… data-lang=…>` tag tells the loader. */
export type EmbedConfig = { hubOrigin: string; widgetId: string; locale: VisitorLocale };

/** The same rule as the hub's WidgetIdSchema, checked here without shipping zod to every shop page. */
const WIDGET_ID = /^[a-z0-9][a-z0-9-]{0,39}$/;

/** Where the frame page lives on the hub, relative to its origin. */
export const FRAME_PATH = '/widget/frame.html';

/** null when the tag cannot be used: no hub address, or a missing or malformed widget id. */
export function readEmbedConfig(
  scriptSrc: string,
  data: { widget?: string | undefined; lang?: string | undefined },
  languages: readonly string[],
): EmbedConfig | null {
  let hubOrigin: string;
  try {
    hubOrigin = new URL(scriptSrc).origin;
  } catch {
    return null;
  }
  if (!/^https?:\/\//.test(hubOrigin)) return null;
  const widgetId = data.widget?.trim() ?? '';
  if (!WIDGET_ID.test(widgetId)) return null;
  return { hubOrigin, widgetId, locale: pickWidgetLocale(data.lang, languages) };
}

/**
 * The frame's address. The host page's origin rides along so the frame knows
 * whom to answer through postMessage (and the hub whom to expect).
 */
export function frameUrl(config: EmbedConfig, hostOrigin: string): string {
  const url = new URL(FRAME_PATH, config.hubOrigin);
  url.searchParams.set('widget', config.widgetId);
  url.searchParams.set('lang', config.locale);
  url.searchParams.set('origin', hostOrigin);
  return url.href;
}
