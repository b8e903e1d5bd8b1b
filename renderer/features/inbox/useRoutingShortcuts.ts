import { useEffect } from 'react';
import { toastOffers } from '../../store/routing';
import { shortcutFor } from './inbox-logic';
import { useAcceptOffer, useRoutingServices } from './routing-context';

/** Alt+A accepts and Alt+D declines the oldest ringing offer; Alt+W completes the selected task or jumps to its wrap-up. */
export function useRoutingShortcuts(): void {
  const { store, client } = useRoutingServices();
  const accept = useAcceptOffer();
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      const shortcut = shortcutFor(event);
      if (!shortcut) return;
      const state = store.getState();
      event.preventDefault();
      if (!state.live) return;
      const offer = toastOffers(state)[0];
      if (shortcut === 'accept' && offer) void accept(offer.taskId);
      else if (shortcut === 'decline' && offer) void client.decline(offer.taskId);
      else if (shortcut === 'wrapup') {
        const task = state.tasks.find((candidate) => candidate.id === state.selectedTaskId);
        if (task?.status === 'assigned') {
          void client.complete(task.id).then((result) => {
            if (result.ok) setTimeout(focusWrapUp, 0);
          });
        } else if (task?.status === 'wrap-up') focusWrapUp();
      }
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [store, client, accept]);
}

function focusWrapUp(): void {
  const form = document.querySelector<HTMLFormElement>('[data-testid="wrapup-form"]');
  form?.querySelector<HTMLElement>('select, textarea')?.focus();
}
