/**
 * The known-error lifecycle (issue 17), one transition table (STYLE.md #3): a known error is
 * written as a draft, published (then searched and suggested), and retired when it no longer
 * applies (the fix is everywhere, the product is gone). A retired one is kept for its history and
 * may be brought back as a draft. Editing is not a move: a draft or a published known error is
 * edited into a new version in place.
 */
export const KNOWN_ERROR_STATUSES = ['draft', 'published', 'retired'] as const;
export type KnownErrorStatus = (typeof KNOWN_ERROR_STATUSES)[number];

export const KNOWN_ERROR_ACTIONS = ['edit', 'publish', 'retire', 'redraft'] as const;
export type KnownErrorAction = (typeof KNOWN_ERROR_ACTIONS)[number];

const TRANSITIONS: Record<KnownErrorStatus, Partial<Record<KnownErrorAction, KnownErrorStatus>>> = {
  draft: { edit: 'draft', publish: 'published', retire: 'retired' },
  published: { edit: 'published', retire: 'retired' },
  retired: { redraft: 'draft' },
};

/** The status an action leads to from `from`; undefined when the table has no such move. */
export const nextKnownErrorStatus = (from: KnownErrorStatus, action: KnownErrorAction): KnownErrorStatus | undefined =>
  TRANSITIONS[from][action];

export const allowedKnownErrorActions = (from: KnownErrorStatus): KnownErrorAction[] =>
  KNOWN_ERROR_ACTIONS.filter((a) => TRANSITIONS[from][a] !== undefined);
