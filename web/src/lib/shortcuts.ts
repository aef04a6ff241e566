/**
 * Keyboard shortcuts (Gmail/Zendesk style). Screens register their keys while mounted; the
 * layout feeds every keydown to `dispatchKey`. Nothing fires while the person types in a field,
 * and Enter is left to links and buttons that have focus.
 */
export type KeyMap = Record<string, (event: KeyboardEvent) => void>;

const layers: KeyMap[] = [];

/** Registers keys for the lifetime of a screen; returns the unregister function (for $effect). */
export function useShortcuts(keys: KeyMap): () => void {
  layers.push(keys);
  return () => {
    const at = layers.indexOf(keys);
    if (at >= 0) layers.splice(at, 1);
  };
}

export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag !== 'INPUT') return false;
  const type = (target as HTMLInputElement).type;
  return !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(type);
}

const isInteractive = (target: EventTarget | null): boolean =>
  target instanceof HTMLElement && !!target.closest('a[href], button, summary, [role="button"], dialog');

/** Menus, listboxes and dialogs (the kit's overlays) keep their keys to themselves. */
const inOverlay = (target: EventTarget | null): boolean =>
  target instanceof HTMLElement && !!target.closest('[role="dialog"], [role="menu"], [role="listbox"]');

let pendingG = 0;

/** The global sequence keys (g then i/u/m) are given by the layout. Returns whether a key was handled. */
export function dispatchKey(event: KeyboardEvent, sequences: Record<string, () => void>): boolean {
  if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return false;
  if (inOverlay(event.target)) return false;
  const key = event.key;
  if (Date.now() - pendingG < 1500) {
    pendingG = 0;
    const jump = sequences[`g ${key}`];
    if (jump) {
      event.preventDefault();
      jump();
      return true;
    }
  }
  if (key === 'g') {
    pendingG = Date.now();
    return true;
  }
  if (key === 'Enter' && isInteractive(event.target)) return false;
  for (let i = layers.length - 1; i >= 0; i--) {
    const handler = layers[i]?.[key];
    if (handler) {
      event.preventDefault();
      handler(event);
      return true;
    }
  }
  return false;
}

export const SHORTCUTS: readonly [string, string][] = [
  ['j / k', 'Next / previous ticket in a list'],
  ['o or Enter', 'Open the selected ticket'],
  ['x', 'Select the ticket in a list (then act on the selection in bulk)'],
  ['c', 'New ticket (for a customer on the phone)'],
  ['m', 'Apply a macro (on a ticket)'],
  ['r', 'Reply to the customer (owner)'],
  ['n', 'Add an internal note (ticket or change)'],
  ['e', 'Request an assist (escalate)'],
  ['a', 'Accept the ticket or change (or, on Home, the selected offer or assist)'],
  ['Arrows, Home / End', 'Move between days (change calendar); Enter lists the day'],
  ['PageUp / PageDown', 'Previous / next month or week (change calendar)'],
  ['v', 'Mark the selected notification read (Home)'],
  ['1 to 4', 'Jump to My tickets, Assists, Approvals, Notifications (Home)'],
  ['g then h', 'Go to Home'],
  ['g then i', 'Go to Assists for me'],
  ['g then u', 'Go to Unassigned'],
  ['g then m', 'Go to My tickets'],
  ['/', 'Search'],
  ['?', 'Show this sheet'],
];
