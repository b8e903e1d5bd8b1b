import { readFrameMessage, shownMessage, tokenMessage } from '../embed-messages';
import { visitorTokenKey } from '../frame/visitor-token';
import { widgetText } from '../i18n/widget-text';
import { type EmbedConfig, frameUrl, readEmbedConfig } from './embed-config';
import { ICONS, svgIcon } from '../svg-icon';

/**
 * `/widget.js`: the one line a shop pastes into its pages. Built as a classic
 * script in its own closure, it defines no globals and touches nothing on the
 * page but the launcher and the frame it adds. Everything else (the visitor's
 * token, the chat, its styles) lives in the frame on the hub's origin.
 */
const Z_TOP = '2147483000';

/**
 * The page's own storage, for the one case the frame cannot keep the
 * visitor token itself (the browser refuses third-party storage). Refused
 * here too, the chat still works; it just does not survive a reload.
 */
function hostStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

function keepToken(key: string, value: string | null): void {
  try {
    if (value === null) hostStorage()?.removeItem(key);
    else hostStorage()?.setItem(key, value);
  } catch {
    // Storage full or refused: nothing to keep it in.
  }
}

function keptToken(key: string): string | null {
  try {
    return hostStorage()?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

function mount(config: EmbedConfig): void {
  const t = widgetText(config.locale);
  const frame = document.createElement('iframe');
  const launcher = document.createElement('button');
  const badge = document.createElement('span');
  let open = false;
  let unread = 0;

  frame.src = frameUrl(config, location.origin);
  frame.title = t('frame.title');
  frame.setAttribute('data-switchboard-widget', config.widgetId);
  // "Call us" needs the microphone (and a video call the camera) inside the frame, which is on the hub's origin.
  frame.allow = 'microphone; camera; autoplay';
  Object.assign(frame.style, {
    position: 'fixed',
    zIndex: Z_TOP,
    border: '0',
    background: '#fff',
    boxShadow: '0 12px 40px rgba(16, 24, 40, 0.22)',
    display: 'none',
    colorScheme: 'light',
  });

  const narrow = window.matchMedia('(max-width: 480px)');
  const place = (): void => {
    // Phones get the whole screen; larger screens a panel above the launcher.
    Object.assign(
      frame.style,
      narrow.matches
        ? { inset: '0', width: '100%', height: '100%', borderRadius: '0' }
        : { inset: 'auto 20px 92px auto', width: 'min(380px, calc(100vw - 40px))', height: 'min(600px, calc(100vh - 112px))', borderRadius: '16px' },
    );
    launcher.style.display = narrow.matches && open ? 'none' : 'flex';
  };

  launcher.type = 'button';
  launcher.setAttribute('data-switchboard-launcher', config.widgetId);
  Object.assign(launcher.style, {
    position: 'fixed',
    right: '20px',
    bottom: '20px',
    zIndex: Z_TOP,
    width: '60px',
    height: '60px',
    borderRadius: '50%',
    border: '0',
    padding: '0',
    cursor: 'pointer',
    background: '#0f6b5c',
    color: '#fff',
    boxShadow: '0 6px 20px rgba(16, 24, 40, 0.28)',
    alignItems: 'center',
    justifyContent: 'center',
  });
  Object.assign(badge.style, {
    position: 'absolute',
    top: '-4px',
    right: '-4px',
    minWidth: '22px',
    height: '22px',
    padding: '0 6px',
    borderRadius: '11px',
    background: '#d92d20',
    color: '#fff',
    font: '600 12px/22px system-ui, sans-serif',
    textAlign: 'center',
    display: 'none',
  });
  badge.setAttribute('aria-hidden', 'true');

  const render = (): void => {
    launcher.replaceChildren(svgIcon(open ? ICONS.close : ICONS.chat, 28), badge);
    const label = open ? t('launcher.close') : t('launcher.open');
    launcher.setAttribute('aria-label', unread > 0 && !open ? `${label} (${t('launcher.unread', { count: unread })})` : label);
    launcher.setAttribute('aria-expanded', String(open));
    badge.textContent = String(unread);
    badge.style.display = unread > 0 && !open ? 'block' : 'none';
    frame.style.display = open ? 'block' : 'none';
    place();
  };

  const tokenKey = visitorTokenKey(config.hubOrigin, config.widgetId);
  const tellFrame = (): void => frame.contentWindow?.postMessage(shownMessage(open), config.hubOrigin);
  const setOpen = (value: boolean): void => {
    open = value;
    render();
    tellFrame();
    if (open) frame.focus();
    else launcher.focus();
  };

  launcher.addEventListener('click', () => setOpen(!open));
  frame.addEventListener('load', tellFrame);
  narrow.addEventListener('change', place);
  window.addEventListener('message', (event) => {
    if (event.origin !== config.hubOrigin || event.source !== frame.contentWindow) return;
    const message = readFrameMessage(event.data);
    if (message?.kind === 'close') setOpen(false);
    else if (message?.kind === 'unread') {
      unread = message.count;
      render();
    } else if (message?.kind === 'token-wanted') frame.contentWindow?.postMessage(tokenMessage(keptToken(tokenKey)), config.hubOrigin);
    else if (message?.kind === 'token-keep') keepToken(tokenKey, message.value);
  });

  render();
  document.body.append(frame, launcher);
}

const script = document.currentScript;
if (script instanceof HTMLScriptElement) {
  const config = readEmbedConfig(script.src, { widget: script.dataset.widget, lang: script.dataset.lang }, navigator.languages);
  if (config === null) {
    console.warn('Switchboard chat: add data-widget="<widget id>" to the widget.js script tag.');
  } else if (document.querySelector(`[data-switchboard-widget="${config.widgetId}"]`) === null) {
    // An async script can run before <body> exists.
    if (document.body) mount(config);
    else document.addEventListener('DOMContentLoaded', () => mount(config), { once: true });
  }
}
