/**
 * The change schedule on the DocumentStore port (ADR 0031): blackout and maintenance windows (one
 * partition each in `changes`, read by scope), the slots changes book (change-slots.ts, read by
 * resource and start), the changes planned in a range (the calendar) and the open incidents on
 * CIs (the tickets' `ticket-ci` links). Every read is an indexed query; none scans a container.
 */
import type { DocumentStore, StoredDocument, Versioned } from '../ports/document-store.js';
import type { TicketCiLink } from '../tickets/ticket-ci-links.js';
import type { ChangeSlot } from './change-slots.js';
import type { ChangeSnapshot } from './change-types.js';
import type { ChangeWindow } from './change-windows.js';

type D<T> = T & StoredDocument;
const asDoc = <T extends object>(value: T): StoredDocument => value as unknown as StoredDocument;
const CHUNK = 100;
const PAGE = 1000;
/**
 * How far before a range the stores look for a change that overlaps it: the index serves `start`
 * ranges, so a change longer than this (rare: a change window is hours) is missed by the overlap
 * reads. The schedule command refuses windows longer than this.
 */
export const MAX_CHANGE_DAYS = 31;
const LOOKBACK_MS = MAX_CHANGE_DAYS * 86_400_000;

const chunks = <T>(items: readonly T[]): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
};

export class ChangeScheduleRepository {
  constructor(private readonly store: DocumentStore) {}

  // --- windows ---------------------------------------------------------------------------------

  async window(id: string): Promise<Versioned<D<ChangeWindow>> | undefined> {
    const found = await this.store.read<D<ChangeWindow>>('changes', id, id);
    return found?.doc.docType === 'change-window' ? found : undefined;
  }

  async saveWindow(window: ChangeWindow, etag: string | null): Promise<string> {
    const [newEtag] = await this.store.batch('changes', window.id, [
      etag === null ? { op: 'create', doc: asDoc(window) } : { op: 'replace', doc: asDoc(window), ifMatch: etag },
    ]);
    return newEtag as string;
  }

  async deleteWindow(id: string, etag: string): Promise<void> {
    await this.store.batch('changes', id, [{ op: 'delete', id, ifMatch: etag }]);
  }

  /** Every window (the admin list and the calendar), by scope. */
  async windows(): Promise<Versioned<D<ChangeWindow>>[]> {
    const out: Versioned<D<ChangeWindow>>[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.store.query<D<ChangeWindow>>('changes', {
        where: [{ field: 'docType', op: 'eq', value: 'change-window' }],
        orderBy: [{ field: 'scope', direction: 'asc' }],
        limit: PAGE,
        ...(cursor ? { cursor } : {}),
      });
      out.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return out;
  }

  /** The windows of these scopes (`global`, CI ids, service ids). */
  async windowsIn(scopes: readonly string[]): Promise<ChangeWindow[]> {
    const out: ChangeWindow[] = [];
    for (const part of chunks([...new Set(scopes)])) {
      let cursor: string | undefined;
      do {
        const page = await this.store.query<D<ChangeWindow>>('changes', {
          where: [
            { field: 'docType', op: 'eq', value: 'change-window' },
            { field: 'scope', op: 'in', values: part },
          ],
          limit: PAGE,
          ...(cursor ? { cursor } : {}),
        });
        out.push(...page.items.map((i) => i.doc));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
    }
    return out;
  }

  // --- slots -----------------------------------------------------------------------------------

  /** Active slots of these CIs or people overlapping [from, to). */
  async bookings(resource: 'ci' | 'agent', ids: readonly string[], from: number, to: number): Promise<ChangeSlot[]> {
    const found = await this.slots(ids, from - LOOKBACK_MS, to, true);
    return found.filter((s) => s.resource === resource && s.end !== null && Date.parse(s.end) > from);
  }

  /** Slots (any state) of these CIs whose planned window starts in [from, to). */
  async ciHistory(ciIds: readonly string[], from: number, to: number): Promise<ChangeSlot[]> {
    return (await this.slots(ciIds, from, to, false)).filter((s) => s.resource === 'ci');
  }

  private async slots(ids: readonly string[], from: number, to: number, activeOnly: boolean): Promise<ChangeSlot[]> {
    const out: ChangeSlot[] = [];
    const fromIso = new Date(from).toISOString();
    const toIso = new Date(to).toISOString();
    for (const part of chunks([...new Set(ids)])) {
      let cursor: string | undefined;
      do {
        const page = await this.store.query<D<ChangeSlot>>('changes', {
          where: [
            { field: 'docType', op: 'eq', value: 'change-slot' },
            { field: 'resourceId', op: 'in', values: part },
            { field: 'start', op: 'gte', value: fromIso },
            { field: 'start', op: 'lt', value: toIso },
            ...(activeOnly ? [{ field: 'active', op: 'eq' as const, value: true }] : []),
          ],
          limit: PAGE,
          ...(cursor ? { cursor } : {}),
        });
        out.push(...page.items.map((i) => i.doc));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
    }
    return out;
  }

  // --- the calendar ----------------------------------------------------------------------------

  /** Changes whose planned window overlaps [from, to), by planned start. */
  async changesIn(from: number, to: number): Promise<ChangeSnapshot[]> {
    const out: ChangeSnapshot[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.store.query<D<ChangeSnapshot>>('changes', {
        where: [
          { field: 'docType', op: 'eq', value: 'change' },
          { field: 'plannedStart', op: 'gte', value: new Date(from - LOOKBACK_MS).toISOString() },
          { field: 'plannedStart', op: 'lt', value: new Date(to).toISOString() },
        ],
        orderBy: [{ field: 'plannedStart', direction: 'asc' }],
        limit: PAGE,
        ...(cursor ? { cursor } : {}),
      });
      out.push(...page.items.map((i) => i.doc));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return out.filter((c) => c.plannedEnd !== null && Date.parse(c.plannedEnd) > from);
  }

  // --- incidents -------------------------------------------------------------------------------

  /** Open incidents on these CIs (the tickets' CI links: one indexed query per 100 CIs). */
  async openIncidentsOn(ciIds: readonly string[]): Promise<TicketCiLink[]> {
    const out: TicketCiLink[] = [];
    for (const part of chunks([...new Set(ciIds)])) {
      const page = await this.store.query<D<TicketCiLink>>('tickets', {
        where: [
          { field: 'docType', op: 'eq', value: 'ticket-ci' },
          { field: 'ciId', op: 'in', values: part },
          { field: 'open', op: 'eq', value: true },
        ],
        limit: PAGE,
      });
      out.push(...page.items.map((i) => i.doc).filter((l) => l.type === 'incident'));
    }
    return out;
  }
}
