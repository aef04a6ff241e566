/**
 * The DataTable's rules, apart from its markup so they can be tested alone: column definitions,
 * sorting, range selection (shift-click), and the remembered choice of visible columns.
 */

export interface Column<Row> {
  readonly id: string;
  readonly label: string;
  /** Client-side order of two rows; a column with it (or `sortable`) gets a sort button. */
  readonly compare?: (a: Row, b: Row) => number;
  /** Sortable by the caller (server-side sort through `onsort`) without a `compare`. */
  readonly sortable?: boolean;
  /** The agent may hide it (default true). */
  readonly hideable?: boolean;
  /** Hidden until the agent shows it. */
  readonly hiddenByDefault?: boolean;
  /** Dropped on narrow screens (phones). */
  readonly optional?: boolean;
  /** The cell names its row (th scope=row). */
  readonly rowHeader?: boolean;
  /** Numbers: tabular figures, no wrapping. */
  readonly numeric?: boolean;
}

export type SortDirection = 'ascending' | 'descending';
export interface SortState {
  readonly column: string;
  readonly direction: SortDirection;
}

/** Clicking a header: a new column sorts ascending, the same column flips. */
export function nextSort(current: SortState | null, column: string): SortState {
  if (current?.column === column)
    return { column, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
  return { column, direction: 'ascending' };
}

/** Rows in the order of `sort` (stable: equal rows keep their order); unchanged without a comparator. */
export function sortRows<Row>(rows: readonly Row[], columns: readonly Column<Row>[], sort: SortState | null): Row[] {
  const compare = sort ? columns.find((c) => c.id === sort.column)?.compare : undefined;
  if (!sort || !compare) return [...rows];
  const sign = sort.direction === 'ascending' ? 1 : -1;
  return rows
    .map((row, index) => ({ row, index }))
    .sort((a, b) => sign * compare(a.row, b.row) || a.index - b.index)
    .map((e) => e.row);
}

/**
 * A click on row `index`'s checkbox. Alone it toggles that row; with shift it gives every row
 * between the anchor (the last row clicked) and this one the state this row is taking, as mail
 * clients do. Returns the new selection and anchor.
 */
export function clickSelection(
  selected: ReadonlySet<string>,
  keys: readonly string[],
  index: number,
  anchor: number | null,
  shift: boolean,
): { selected: Set<string>; anchor: number } {
  const next = new Set(selected);
  const key = keys[index];
  if (key === undefined) return { selected: next, anchor: anchor ?? index };
  const select = !selected.has(key);
  const from = shift && anchor !== null && anchor < keys.length ? Math.min(anchor, index) : index;
  const to = shift && anchor !== null && anchor < keys.length ? Math.max(anchor, index) : index;
  for (let i = from; i <= to; i++) {
    const k = keys[i]!;
    if (select) next.add(k);
    else next.delete(k);
  }
  return { selected: next, anchor: index };
}

/** Select all, or clear when everything is already selected. */
export function toggleAll(selected: ReadonlySet<string>, keys: readonly string[]): Set<string> {
  return keys.length > 0 && keys.every((k) => selected.has(k)) ? new Set() : new Set(keys);
}

/** The part of localStorage the table uses (typed here so the rules need no DOM types). */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

const storageKey = (tableId: string) => `itil-next.table.${tableId}.hidden`;

/** The columns the agent hid in this table last time (or the defaults). */
export function loadHiddenColumns<Row>(
  tableId: string,
  columns: readonly Column<Row>[],
  storage: KeyValueStore | null,
): string[] {
  const defaults = columns.filter((c) => c.hiddenByDefault).map((c) => c.id);
  try {
    const raw = storage?.getItem(storageKey(tableId));
    if (!raw) return defaults;
    const parsed: unknown = JSON.parse(raw);
    if (!Array.isArray(parsed)) return defaults;
    const known = new Set(columns.filter((c) => c.hideable !== false).map((c) => c.id));
    return parsed.filter((id): id is string => typeof id === 'string' && known.has(id));
  } catch {
    return defaults;
  }
}

export function saveHiddenColumns(tableId: string, hidden: readonly string[], storage: KeyValueStore | null): void {
  try {
    storage?.setItem(storageKey(tableId), JSON.stringify(hidden));
  } catch {
    // storage blocked or full: the choice lasts for this page only
  }
}
