/** How the macro picker names a macro and the changes its actions make. */
import type { TMacro } from '$shared/api/macros.schemas';

const SCOPES = { personal: 'mine', team: 'team', shared: 'shared' } as const;

export const macroHint = (m: Pick<TMacro, 'scope' | 'mode' | 'usageCount'>): string =>
  `${SCOPES[m.scope]} · ${m.mode === 'reply' ? 'reply' : 'note'} · used ${m.usageCount} time${m.usageCount === 1 ? '' : 's'}`;

const show = (value: unknown): string =>
  value === null || value === undefined || value === ''
    ? 'none'
    : Array.isArray(value)
      ? value.join(', ') || 'none'
      : String(value);

export const changeLabel = (change: { field: string; from: unknown; to: unknown }): string =>
  `${change.field === 'teamId' ? 'team' : change.field}: ${show(change.from)} → ${show(change.to)}`;
