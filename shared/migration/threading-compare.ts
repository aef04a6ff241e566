/**
 * The parallel run's report (issue 20, ADR 0036): while a mailbox is in shadow mode, the old
 * helpdesk and we receive the same mail. Both sides say which ticket each Internet Message-ID
 * went to; tickets linked by shared Message-IDs form groups, and a group's shape is the verdict:
 * one ticket on each side is the same threading, one of theirs spread over several of ours is a
 * split, several of theirs in one of ours a merge, and a group on one side only is a ticket the
 * other system does not have (for these mails).
 */
import type { TThreadingRow } from '../api/migration.schemas.js';

export interface ThreadedMessage {
  /** Compared without angle brackets and case. */
  readonly messageId: string;
  readonly ticketId: string;
  readonly number: string;
}

const norm = (messageId: string) => messageId.trim().replace(/^<|>$/g, '').toLowerCase();

/** Groups both sides' tickets by shared Message-IDs; the differing rows first, then the same ones. */
export function compareThreading(
  theirs: readonly ThreadedMessage[],
  ours: readonly ThreadedMessage[],
): TThreadingRow[] {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let root = x;
    while (parent.get(root) !== root) root = parent.get(root) as string;
    parent.set(x, root);
    return root;
  };
  const add = (x: string) => {
    if (!parent.has(x)) parent.set(x, x);
  };
  const union = (a: string, b: string) => parent.set(find(a), find(b));
  const numbers = new Map<string, string>();
  const byMessage = new Map<string, string[]>();
  for (const [side, list] of [
    ['T', theirs],
    ['O', ours],
  ] as const)
    for (const m of list) {
      const node = `${side}:${m.ticketId}`;
      add(node);
      numbers.set(node, m.number);
      const key = norm(m.messageId);
      const nodes = byMessage.get(key) ?? [];
      nodes.push(node);
      byMessage.set(key, nodes);
    }
  const shared = new Map<string, number>();
  for (const nodes of byMessage.values()) {
    const first = nodes[0] as string;
    for (const n of nodes.slice(1)) union(first, n);
  }
  for (const nodes of byMessage.values()) {
    const sides = new Set(nodes.map((n) => n[0]));
    if (sides.size < 2) continue;
    const root = find(nodes[0] as string);
    shared.set(root, (shared.get(root) ?? 0) + 1);
  }
  const groups = new Map<string, string[]>();
  for (const node of parent.keys()) {
    const root = find(node);
    groups.set(root, [...(groups.get(root) ?? []), node]);
  }
  const rows: TThreadingRow[] = [];
  for (const [root, nodes] of groups) {
    const refs = (side: 'T' | 'O') =>
      nodes
        .filter((n) => n[0] === side)
        .map((n) => ({ id: n.slice(2), number: numbers.get(n) as string }))
        .sort((a, b) => a.number.localeCompare(b.number));
    const t = refs('T');
    const o = refs('O');
    const verdict =
      o.length === 0
        ? 'only-there'
        : t.length === 0
          ? 'only-here'
          : t.length === 1 && o.length === 1
            ? 'same'
            : o.length > t.length
              ? 'split'
              : 'merged';
    rows.push({ verdict, theirs: t, ours: o, messages: shared.get(root) ?? 0 });
  }
  const order = { split: 0, merged: 1, 'only-there': 2, 'only-here': 3, same: 4 } as const;
  return rows.sort(
    (a, b) =>
      order[a.verdict] - order[b.verdict] ||
      (a.theirs[0]?.number ?? a.ours[0]?.number ?? '').localeCompare(b.theirs[0]?.number ?? b.ours[0]?.number ?? ''),
  );
}
