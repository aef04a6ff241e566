/**
 * The design kit's pure rules (web/src/lib/ui): DataTable sorting, selection and remembered
 * columns, and the DateTime field's wall time <-> instant conversion in a named zone.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Column,
  clickSelection,
  type KeyValueStore,
  loadHiddenColumns,
  nextSort,
  saveHiddenColumns,
  sortRows,
  toggleAll,
} from '../../web/src/lib/ui/data-table.js';
import { isoToWallTime, wallTimeToIso } from '../../web/src/lib/ui/datetime.js';

interface Row {
  id: string;
  n: number;
}
const columns: Column<Row>[] = [
  { id: 'id', label: 'Id', hideable: false },
  { id: 'n', label: 'N', compare: (a, b) => a.n - b.n },
  { id: 'extra', label: 'Extra', hiddenByDefault: true },
];
const keys = ['a', 'b', 'c', 'd', 'e'];

const storage = (): KeyValueStore => {
  const map = new Map<string, string>();
  return { getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v) };
};

describe('DataTable rules', () => {
  it('sorts ascending on a first click and flips on the next', () => {
    const first = nextSort(null, 'n');
    expect(first).toEqual({ column: 'n', direction: 'ascending' });
    expect(nextSort(first, 'n')).toEqual({ column: 'n', direction: 'descending' });
    expect(nextSort({ column: 'n', direction: 'descending' }, 'id')).toEqual({ column: 'id', direction: 'ascending' });
  });

  it('sorts stably in both directions and leaves rows alone without a comparator', () => {
    const rows = [
      { id: 'x', n: 2 },
      { id: 'y', n: 1 },
      { id: 'z', n: 2 },
    ];
    expect(sortRows(rows, columns, { column: 'n', direction: 'ascending' }).map((r) => r.id)).toEqual(['y', 'x', 'z']);
    expect(sortRows(rows, columns, { column: 'n', direction: 'descending' }).map((r) => r.id)).toEqual(['x', 'z', 'y']);
    expect(sortRows(rows, columns, { column: 'id', direction: 'descending' }).map((r) => r.id)).toEqual([
      'x',
      'y',
      'z',
    ]);
  });

  it('toggles one row on a click and a range on a shift-click', () => {
    let state = clickSelection(new Set(), keys, 1, null, false);
    expect([...state.selected]).toEqual(['b']);
    state = clickSelection(state.selected, keys, 3, state.anchor, true);
    expect([...state.selected].sort()).toEqual(['b', 'c', 'd']);
    // A shift-click on a selected row clears the range back to the anchor.
    state = clickSelection(state.selected, keys, 2, state.anchor, true);
    expect([...state.selected].sort()).toEqual(['b']);
    state = clickSelection(state.selected, keys, 1, state.anchor, false);
    expect(state.selected.size).toBe(0);
  });

  it('selects all, then clears when everything is selected', () => {
    expect([...toggleAll(new Set(['a']), keys)]).toEqual(keys);
    expect(toggleAll(new Set(keys), keys).size).toBe(0);
  });

  it('remembers hidden columns per table and ignores unknown or unhideable ones', () => {
    const s = storage();
    expect(loadHiddenColumns('t', columns, s)).toEqual(['extra']);
    saveHiddenColumns('t', ['n'], s);
    expect(loadHiddenColumns('t', columns, s)).toEqual(['n']);
    expect(loadHiddenColumns('other', columns, s)).toEqual(['extra']);
    s.setItem('itil-next.table.t.hidden', JSON.stringify(['id', 'gone', 'n']));
    expect(loadHiddenColumns('t', columns, s)).toEqual(['n']);
    s.setItem('itil-next.table.t.hidden', '{not json');
    expect(loadHiddenColumns('t', columns, s)).toEqual(['extra']);
  });
});

describe('DateTime in a time zone', () => {
  it('reads a wall time in the given zone, not the machine one', () => {
    expect(wallTimeToIso('2026-03-02T10:00', 'Europe/London')).toBe('2026-03-02T10:00:00.000Z');
    expect(wallTimeToIso('2026-07-02T10:00', 'Europe/London')).toBe('2026-07-02T09:00:00.000Z');
    expect(wallTimeToIso('2026-03-02T10:00', 'America/New_York')).toBe('2026-03-02T15:00:00.000Z');
    expect(wallTimeToIso('2026-03-02T10:00', 'Asia/Kolkata')).toBe('2026-03-02T04:30:00.000Z');
    expect(wallTimeToIso('not a time', 'UTC')).toBeNull();
  });

  it('takes the earlier instant of a repeated hour and moves a skipped one forward', () => {
    // Europe/Berlin: clocks go back at 03:00 on 2026-10-25 and forward at 02:00 on 2026-03-29.
    expect(wallTimeToIso('2026-10-25T02:30', 'Europe/Berlin')).toBe('2026-10-25T00:30:00.000Z');
    expect(wallTimeToIso('2026-03-29T02:30', 'Europe/Berlin')).toBe('2026-03-29T01:30:00.000Z');
    expect(isoToWallTime('2026-03-29T01:30:00.000Z', 'Europe/Berlin')).toBe('2026-03-29T03:30');
  });

  it('round-trips any instant on the minute through wall time', () => {
    const zones = ['UTC', 'Europe/London', 'America/Los_Angeles', 'Australia/Lord_Howe', 'Asia/Kathmandu'];
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2020, 0, 1) / 60_000, max: Date.UTC(2035, 0, 1) / 60_000 }),
        fc.constantFrom(...zones),
        (minute, zone) => {
          const iso = new Date(minute * 60_000).toISOString();
          const back = wallTimeToIso(isoToWallTime(iso, zone), zone)!;
          // A repeated hour maps back to its earlier instant; otherwise exactly the same instant.
          expect(isoToWallTime(back, zone)).toBe(isoToWallTime(iso, zone));
          expect(new Date(back).getTime()).toBeLessThanOrEqual(new Date(iso).getTime());
        },
      ),
    );
  });
});
