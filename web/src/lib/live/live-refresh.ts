/**
 * Lists and the home follow ticket changes (ADR 0027): a `ticket.changed` message on the
 * `tickets` group that concerns what the screen shows calls `reload`, at most once per second
 * (a bulk job changes hundreds of tickets in a row) and only while the tab is visible (a hidden
 * tab reloads when it is shown again).
 */
import type { TLiveMessage } from '$shared/api/live.schemas';
import { live } from './live-connection.svelte';

type Changed = Extract<TLiveMessage, { type: 'ticket.changed' }>;

const QUIET_MS = 1_000;

export function refreshOnTicketChanges(concerns: (m: Changed) => boolean, reload: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let missed = false;
  const schedule = () => {
    if (document.visibilityState !== 'visible') {
      missed = true;
      return;
    }
    timer ??= setTimeout(() => {
      timer = undefined;
      reload();
    }, QUIET_MS);
  };
  const onVisible = () => {
    if (document.visibilityState === 'visible' && missed) {
      missed = false;
      schedule();
    }
  };
  const leave = live.join('tickets');
  const stop = live.onMessage((m) => {
    if (m.type === 'ticket.changed' && concerns(m)) schedule();
  });
  document.addEventListener('visibilitychange', onVisible);
  return () => {
    clearTimeout(timer);
    document.removeEventListener('visibilitychange', onVisible);
    stop();
    leave();
  };
}
