import '../../zod-config';
import { pickWidgetLocale, widgetText } from '../i18n/widget-text';
import { hostChannel } from './host-channel';
import { createVisitorTokenStore, hostKeptTokenStore } from './visitor-token';
import { startWidgetApp } from './widget-app';
import './widget.css';

/** The frame page: `/widget/frame.html?widget=<id>&lang=<locale>&origin=<host page origin>`. */
const params = new URLSearchParams(location.search);
const locale = pickWidgetLocale(params.get('lang'), navigator.languages);
const t = widgetText(locale);
document.documentElement.lang = locale;
document.title = t('frame.title');

function localStorageOrNull(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

const root = document.getElementById('widget');
const widgetId = params.get('widget') ?? '';
const host = hostChannel(params.get('origin'));
const storage = localStorageOrNull();
if (root) {
  startWidgetApp(root, {
    widgetId,
    locale,
    t,
    host,
    tokens: storage === null && host.embedded ? hostKeptTokenStore(host) : createVisitorTokenStore(storage, location.origin, widgetId),
  });
}
