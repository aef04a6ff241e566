/**
 * The bell's unread count, shared by the header and any screen: polled every 30 s while signed
 * in, and refreshed soon after any change the agent makes (another person's action may notify
 * them in between; the poll catches that).
 */
import { onApiWrite } from './api/client';
import { orchestraApi } from './api/orchestra-endpoints';

export const POLL_MS = 30_000;

export const bell = $state({ unread: 0 });

let pending: ReturnType<typeof setTimeout> | undefined;

export async function refreshUnread(): Promise<void> {
  try {
    bell.unread = (await orchestraApi.unreadCount()).unread;
  } catch {
    // A missed poll is harmless: the next one (or the next action) tries again.
  }
}

/** Starts polling; returns the stop function (for the layout's teardown). */
export function startUnreadPolling(): () => void {
  void refreshUnread();
  const timer = setInterval(() => {
    if (document.visibilityState === 'visible') void refreshUnread();
  }, POLL_MS);
  onApiWrite((path) => {
    // The bell's own calls return the new count themselves.
    if (path.startsWith('notifications') || path.endsWith('/presence')) return;
    clearTimeout(pending);
    pending = setTimeout(() => void refreshUnread(), 800);
  });
  return () => {
    clearInterval(timer);
    clearTimeout(pending);
    onApiWrite(() => {});
  };
}
