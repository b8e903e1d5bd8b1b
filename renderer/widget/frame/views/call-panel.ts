import type { WidgetText } from '../../i18n/widget-text';
import { ICONS, svgIcon } from '../../svg-icon';
import type { CallEnd, CallKind, CallPhase } from '../call-state';
import { button, h } from '../dom';

/** Everything the panel shows; the call session owns it. */
export type CallView = {
  /** The widget offers calls now (its setting, its queue open, the chat not over). */
  offered: boolean;
  phase: CallPhase;
  kind: CallKind;
  /** Why the last call ended, or a refusal already put in words. */
  end: CallEnd | null;
  refusal: string | null;
  muted: boolean;
  cameraOn: boolean;
  local: MediaStream | null;
  remote: MediaStream | null;
};

export type CallPanelActions = {
  start: (kind: CallKind) => void;
  hangUp: () => void;
  mute: (muted: boolean) => void;
  camera: (on: boolean) => void;
};

const STATUS: Record<Exclude<CallPhase, 'idle' | 'ended' | 'starting'>, 'call.calling' | 'call.ringing' | 'call.connected'> = {
  calling: 'call.calling',
  ringing: 'call.ringing',
  connected: 'call.connected',
};

function offerButton(label: string, icon: string, onClick: () => void, testid: string): HTMLButtonElement {
  const element = h('button', { class: 'call-offer-button', testid, attrs: { type: 'button' } }, svgIcon(icon, 16), h('span', { text: label }));
  element.addEventListener('click', onClick);
  return element;
}

function toggle(label: string, onClick: () => void, testid: string): HTMLButtonElement {
  return button(label, onClick, { class: 'secondary call-toggle', testid, attrs: { 'aria-pressed': 'false' } });
}

/** A stream goes on its element once: setting srcObject again would restart the picture. */
function show(video: HTMLVideoElement, stream: MediaStream | null): void {
  if (video.srcObject === stream) return;
  video.srcObject = stream;
  if (stream) video.play().catch(() => undefined);
}

/**
 * "Call us" and "Video call" above the conversation, and the call itself:
 * its state in words (announced to screen readers), the agent's picture and
 * the visitor's own, mute, camera and hang up. Built with dom.ts: nothing
 * here is markup.
 */
export function callPanel(t: WidgetText, actions: CallPanelActions) {
  let view: CallView | null = null;
  const offer = h(
    'div',
    { class: 'call-offer', testid: 'widget-call-offer' },
    offerButton(t('call.voice'), ICONS.phone, () => actions.start('voice'), 'widget-call-voice'),
    offerButton(t('call.video'), ICONS.video, () => actions.start('video'), 'widget-call-video'),
  );
  const status = h('p', { class: 'call-status', testid: 'widget-call-status', attrs: { role: 'status', 'aria-live': 'polite' } });
  const remote = h('video', { class: 'call-remote', testid: 'widget-call-remote-video', attrs: { playsinline: '', 'aria-label': t('call.remoteVideo') } });
  const local = h('video', { class: 'call-local', testid: 'widget-call-local-video', attrs: { playsinline: '', 'aria-label': t('call.localVideo') } });
  // The visitor's own picture, never their own voice back.
  local.muted = true;
  const stage = h('div', { class: 'call-stage' }, remote, local);
  const mute = toggle(t('call.mute'), () => view && actions.mute(!view.muted), 'widget-call-mute');
  const camera = toggle(t('call.camera'), () => view && actions.camera(!view.cameraOn), 'widget-call-camera');
  const hangUp = button(t('call.hangUp'), actions.hangUp, { class: 'danger', testid: 'widget-call-hang-up' });
  const controls = h('div', { class: 'call-controls' }, mute, camera, hangUp);
  const panel = h('section', { class: 'call-panel', testid: 'widget-call', attrs: { 'aria-label': t('call.label') } }, status, stage, controls);
  const element = h('div', { class: 'call-area' }, offer, panel);

  function statusText(next: CallView): string {
    if (next.phase === 'starting') return t(next.kind === 'video' ? 'call.startingVideo' : 'call.starting');
    if (next.phase === 'ended') return next.refusal ?? t(`call.end.${next.end ?? 'hung-up'}`);
    if (next.phase === 'idle') return '';
    return t(STATUS[next.phase]);
  }

  function update(next: CallView): void {
    view = next;
    const live = next.phase !== 'idle' && next.phase !== 'ended';
    offer.hidden = !next.offered || live;
    panel.hidden = next.phase === 'idle';
    panel.dataset.phase = next.phase;
    panel.dataset.kind = next.kind;
    status.textContent = statusText(next);
    controls.hidden = !live;
    const video = next.kind === 'video' && live;
    // Audio-only calls play through the (hidden) remote element too.
    stage.hidden = !video;
    show(remote, live ? next.remote : null);
    show(local, video && next.cameraOn ? next.local : null);
    local.hidden = !next.cameraOn;
    remote.hidden = next.remote === null;
    mute.setAttribute('aria-pressed', String(next.muted));
    camera.hidden = next.kind !== 'video';
    camera.setAttribute('aria-pressed', String(next.cameraOn));
    hangUp.disabled = next.phase === 'starting';
  }

  return { element, update };
}
