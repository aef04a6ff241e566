/**
 * SLA calendars, policies and assist OLAs in the `config` container (one partition per kind:
 * `sla-calendars`, `sla-policies`, `sla-olas`), and the parsed configuration the engine computes
 * with. That one is cached for a short time: every ticket write needs it, and compiled calendars
 * are cached per calendar object, so handing out the same objects keeps due-time maths fast.
 */
import type { z } from 'zod';
import type { Clock } from '../ports/clock.js';
import type { DocumentStore, StoredDocument, Versioned } from '../ports/document-store.js';
import { ZCalendar } from '../sla/calendar.js';
import { ZSlaPolicy } from '../sla/sla-policy.js';
import { type SlaConfig, ZSlaOla } from './sla-config.js';

export const SLA_CONFIG_KINDS = ['calendars', 'policies', 'olas'] as const;
export type SlaConfigKind = (typeof SLA_CONFIG_KINDS)[number];

export const SLA_CONFIG_SCHEMAS = { calendars: ZCalendar, policies: ZSlaPolicy, olas: ZSlaOla } as const;
export type SlaConfigItem<K extends SlaConfigKind> = z.output<(typeof SLA_CONFIG_SCHEMAS)[K]>;

const PARTITION: Record<SlaConfigKind, string> = {
  calendars: 'sla-calendars',
  policies: 'sla-policies',
  olas: 'sla-olas',
};
const DOC_TYPE: Record<SlaConfigKind, string> = { calendars: 'sla-calendar', policies: 'sla-policy', olas: 'sla-ola' };

export interface VersionedItem<K extends SlaConfigKind> {
  readonly item: SlaConfigItem<K>;
  readonly etag: string;
}

const toItem = <K extends SlaConfigKind>(kind: K, found: Versioned): VersionedItem<K> => {
  const { pk: _pk, docType: _docType, ...rest } = found.doc;
  return { item: SLA_CONFIG_SCHEMAS[kind].parse(rest) as SlaConfigItem<K>, etag: found.etag };
};

export class SlaConfigRepository {
  private cached: { config: SlaConfig; at: number } | undefined;

  constructor(
    private readonly store: DocumentStore,
    private readonly clock: Clock,
    private readonly ttlMs = 30_000,
  ) {}

  /** The configuration as of at most `ttlMs` ago (writes through this repository refresh it at once). */
  async current(): Promise<SlaConfig> {
    const now = this.clock.now().getTime();
    if (this.cached && Math.abs(now - this.cached.at) < this.ttlMs) return this.cached.config;
    const [calendars, policies, olas] = await Promise.all([
      this.list('calendars'),
      this.list('policies'),
      this.list('olas'),
    ]);
    const config: SlaConfig = {
      calendars: new Map(calendars.map(({ item }) => [item.id, item])),
      policies: policies.map(({ item }) => item),
      olas: olas.map(({ item }) => item),
    };
    this.cached = { config, at: now };
    return config;
  }

  invalidate(): void {
    this.cached = undefined;
  }

  async list<K extends SlaConfigKind>(kind: K): Promise<VersionedItem<K>[]> {
    const items: VersionedItem<K>[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.store.query('config', {
        partitionKey: PARTITION[kind],
        where: [{ field: 'pk', op: 'eq', value: PARTITION[kind] }],
        limit: 100,
        ...(cursor ? { cursor } : {}),
      });
      items.push(...page.items.map((found) => toItem(kind, found)));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return items.sort((a, b) => a.item.id.localeCompare(b.item.id));
  }

  async get<K extends SlaConfigKind>(kind: K, id: string): Promise<VersionedItem<K> | undefined> {
    const found = await this.store.read('config', PARTITION[kind], id);
    return found ? toItem(kind, found) : undefined;
  }

  /** Creates (etag null: throws ConcurrencyConflictError if it exists) or replaces (etag-guarded when given). */
  async save<K extends SlaConfigKind>(
    kind: K,
    item: SlaConfigItem<K>,
    mode: { create: true } | { create: false; ifMatch?: string },
  ): Promise<string> {
    const doc = { ...item, pk: PARTITION[kind], docType: DOC_TYPE[kind] } as unknown as StoredDocument;
    const [etag] = await this.store.batch('config', PARTITION[kind], [
      mode.create
        ? { op: 'create', doc }
        : { op: 'replace', doc, ...(mode.ifMatch !== undefined ? { ifMatch: mode.ifMatch } : {}) },
    ]);
    this.invalidate();
    return etag as string;
  }

  async remove(kind: SlaConfigKind, id: string, ifMatch?: string): Promise<void> {
    await this.store.batch('config', PARTITION[kind], [
      { op: 'delete', id, ...(ifMatch !== undefined ? { ifMatch } : {}) },
    ]);
    this.invalidate();
  }
}
