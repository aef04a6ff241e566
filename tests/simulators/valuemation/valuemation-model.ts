/**
 * The simulator's data: CIs and relations in Valuemation's assumed shapes (see
 * functions/adapters/valuemation/valuemation-api.ts), each collection a change log so that
 * "modified since" listings page in (modifiedAt, id) order with stable page tokens while records
 * keep changing, as a keyset-paged API does. Holds 100,000s of records: a change appends one log
 * entry and the record remembers its latest entry, so superseded entries are skipped in O(1).
 */

export type SimValue = string | number | boolean | null | string[];

export interface SimCi {
  readonly id: string;
  readonly className: string;
  readonly name: string;
  readonly status: string;
  readonly attributes: Readonly<Record<string, SimValue>>;
}

export interface SimRelation {
  readonly id: string;
  readonly typeName: string;
  readonly sourceId: string;
  readonly targetId: string;
}

interface Held<T> {
  readonly record: T;
  readonly modifiedAt: string;
  readonly deleted: boolean;
  /** Index of the record's latest entry in the log. */
  readonly pos: number;
}

export interface LogPage<T> {
  readonly items: readonly (
    | { record: T; modifiedAt: string; deleted: false }
    | { id: string; modifiedAt: string; deleted: true }
  )[];
  /** Log position to continue from, or null at the end. */
  readonly next: number | null;
}

export class ChangeLog<T extends { readonly id: string }> {
  private readonly byId = new Map<string, Held<T>>();
  private readonly log: { id: string; at: string }[] = [];

  constructor(private readonly clock: () => number) {}

  get size(): number {
    let n = 0;
    for (const held of this.byId.values()) if (!held.deleted) n++;
    return n;
  }

  get(id: string): T | undefined {
    const held = this.byId.get(id);
    return held && !held.deleted ? held.record : undefined;
  }

  ids(): string[] {
    return [...this.byId.values()].filter((h) => !h.deleted).map((h) => h.record.id);
  }

  /** Creates or replaces the record, modified now (or at `at`, never before the log's last entry). */
  put(record: T, at?: number): string {
    return this.append(record.id, (modifiedAt, pos) => ({ record, modifiedAt, deleted: false, pos }), at);
  }

  /** A tombstone (listed as deleted) or, with `hard`, gone without a trace (only a full listing tells). */
  remove(id: string, hard = false): void {
    const held = this.byId.get(id);
    if (!held) return;
    if (hard) {
      this.byId.delete(id);
      return;
    }
    this.append(id, (modifiedAt, pos) => ({ ...held, modifiedAt, deleted: true, pos }));
  }

  private append(id: string, make: (modifiedAt: string, pos: number) => Held<T>, at?: number): string {
    const last = this.log.at(-1);
    const ms = Math.max(at ?? this.clock(), last ? Date.parse(last.at) : 0);
    const modifiedAt = new Date(ms).toISOString();
    this.byId.set(id, make(modifiedAt, this.log.length));
    this.log.push({ id, at: modifiedAt });
    return modifiedAt;
  }

  /** Records modified at or after `since`, from log position `from`. */
  page(since: string | null, from: number | null, size: number, includeDeleted: boolean): LogPage<T> {
    let i = from ?? (since === null ? 0 : this.firstAtOrAfter(since));
    const items: LogPage<T>['items'][number][] = [];
    for (; i < this.log.length && items.length < size; i++) {
      const entry = this.log[i] as { id: string; at: string };
      const held = this.byId.get(entry.id);
      if (!held || held.pos !== i) continue;
      if (held.deleted) {
        if (includeDeleted && since !== null) items.push({ id: entry.id, modifiedAt: held.modifiedAt, deleted: true });
        continue;
      }
      items.push({ record: held.record, modifiedAt: held.modifiedAt, deleted: false });
    }
    return { items, next: i < this.log.length ? i : null };
  }

  private firstAtOrAfter(since: string): number {
    let lo = 0;
    let hi = this.log.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.log[mid] as { at: string }).at < since) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

export class ValuemationCmdb {
  readonly cis: ChangeLog<SimCi>;
  readonly relations: ChangeLog<SimRelation>;

  constructor(clock: () => number = Date.now) {
    this.cis = new ChangeLog(clock);
    this.relations = new ChangeLog(clock);
  }
}
