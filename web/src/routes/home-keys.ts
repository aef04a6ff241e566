/**
 * One-key quick actions of the agent home: the rows of every section form one list (`data-home-row`),
 * j/k move through it, o or Enter open the row's link, `a` presses the row's accept button (an offer,
 * a requested assist), `v` marks a notification read, and 1-4 jump to the first row of a section.
 * The sheet lists them (`SHORTCUTS` in `$lib/shortcuts`).
 */
import type { KeyMap } from '$lib/shortcuts';

const rows = (root: ParentNode): HTMLElement[] => [...root.querySelectorAll<HTMLElement>('[data-home-row]')];

const focusRow = (row: HTMLElement | undefined): void => {
  (row?.querySelector<HTMLElement>('a[href]') ?? row)?.focus();
};

const current = (root: ParentNode): number => {
  const active = document.activeElement;
  return rows(root).findIndex((r) => active instanceof Node && r.contains(active));
};

/** Presses the button marked `data-quick="<action>"` in the selected row, if it has one. */
const press = (root: ParentNode, action: string): void => {
  const row = rows(root)[current(root)];
  row?.querySelector<HTMLButtonElement>(`[data-quick="${action}"]:not([disabled])`)?.click();
};

export function homeKeys(root: HTMLElement): KeyMap {
  const move = (delta: number) => {
    const all = rows(root);
    if (all.length === 0) return;
    const at = current(root);
    focusRow(all[at < 0 ? 0 : Math.max(0, Math.min(all.length - 1, at + delta))]);
  };
  const open = () => rows(root)[current(root)]?.querySelector<HTMLAnchorElement>('a[href]')?.click();
  const section = (name: string) => () => {
    const first = root.querySelector<HTMLElement>(`[data-home-section="${name}"] [data-home-row]`);
    if (first) focusRow(first);
    else root.querySelector<HTMLElement>(`[data-home-section="${name}"] h2`)?.scrollIntoView({ block: 'nearest' });
  };
  return {
    j: () => move(1),
    k: () => move(-1),
    o: open,
    Enter: open,
    a: () => press(root, 'accept'),
    v: () => press(root, 'read'),
    '1': section('tickets'),
    '2': section('assists'),
    '3': section('approvals'),
    '4': section('notifications'),
  };
}
