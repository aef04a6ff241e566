/**
 * Admin use cases for SLA configuration: CRUD of calendars, policies and assist OLAs with the
 * checks the schemas cannot make alone (a policy's calendar exists, a calendar in use is not
 * deleted, one OLA per team), the due-time preview, and the recompute of open tickets.
 */
import type { TSlaPreview, TSlaPreviewRequest } from '../api/sla.schemas.js';
import { fail, ok, type Result } from '../kernel/result.js';
import type { Clock } from '../ports/clock.js';
import { ConcurrencyConflictError, type DocumentStore, type StoredDocument } from '../ports/document-store.js';
import { addBusinessTime } from '../sla/business-time.js';
import { matchPolicy, SLA_TARGET_KINDS, targetMs } from '../sla/sla-policy.js';
import type { TicketCommands } from '../use-cases/ticket-commands.js';
import type { SlaConfig } from './sla-config.js';
import type { SlaConfigItem, SlaConfigKind, SlaConfigRepository, VersionedItem } from './sla-config-repository.js';
import { SLA_ACTOR } from './sla-evaluator.js';

const LABEL: Record<SlaConfigKind, string> = { calendars: 'calendar', policies: 'policy', olas: 'OLA' };

const invalid = <T>(path: string, message: string): Result<T> =>
  fail('REQUEST.VALIDATION_FAILED', message, { errors: [{ path, message }] });

/** What must hold across items (the zod schemas check each item alone). */
const checkReferences = <K extends SlaConfigKind>(kind: K, item: SlaConfigItem<K>, config: SlaConfig): Result<void> => {
  if (kind === 'policies' || kind === 'olas') {
    const { calendarId } = item as SlaConfigItem<'policies' | 'olas'>;
    if (!config.calendars.has(calendarId)) return invalid('calendarId', `no SLA calendar "${calendarId}"`);
  }
  if (kind === 'olas') {
    const ola = item as SlaConfigItem<'olas'>;
    const clash = config.olas.find((other) => other.id !== ola.id && other.teamId === ola.teamId);
    if (clash)
      return invalid('teamId', `OLA "${clash.id}" already covers ${ola.teamId ? `team ${ola.teamId}` : 'the default'}`);
  }
  return ok(undefined);
};

const conflictOf = (error: unknown, kind: SlaConfigKind, id: string): Result<never> => {
  if (!(error instanceof ConcurrencyConflictError)) throw error;
  if (error.reason === 'already-exists')
    return fail('CONCURRENCY.CONFLICT', `The ${LABEL[kind]} "${id}" already exists`);
  if (error.reason === 'not-found') return fail('REQUEST.NOT_FOUND', `No ${LABEL[kind]} "${id}"`);
  return fail('REQUEST.PRECONDITION_FAILED', `The ${LABEL[kind]} changed since you loaded it (If-Match)`);
};

export class SlaAdmin {
  constructor(
    private readonly repo: SlaConfigRepository,
    private readonly store: DocumentStore,
    private readonly commands: TicketCommands,
    private readonly clock: Clock,
  ) {}

  list<K extends SlaConfigKind>(kind: K): Promise<VersionedItem<K>[]> {
    return this.repo.list(kind);
  }

  async get<K extends SlaConfigKind>(kind: K, id: string): Promise<Result<VersionedItem<K>>> {
    const found = await this.repo.get(kind, id);
    return found ? ok(found) : fail('REQUEST.NOT_FOUND', `No ${LABEL[kind]} "${id}"`);
  }

  async save<K extends SlaConfigKind>(
    kind: K,
    item: SlaConfigItem<K>,
    mode: { create: true } | { create: false; ifMatch?: string },
  ): Promise<Result<VersionedItem<K>>> {
    this.repo.invalidate();
    const checked = checkReferences(kind, item, await this.repo.current());
    if (!checked.ok) return checked;
    try {
      return ok({ item, etag: await this.repo.save(kind, item, mode) });
    } catch (error) {
      return conflictOf(error, kind, item.id);
    }
  }

  async remove(kind: SlaConfigKind, id: string, ifMatch?: string): Promise<Result<void>> {
    if (kind === 'calendars') {
      this.repo.invalidate();
      const config = await this.repo.current();
      const users = [...config.policies, ...config.olas].filter((item) => item.calendarId === id).map((i) => i.id);
      if (users.length > 0) return invalid('id', `calendar "${id}" is used by ${users.join(', ')}`);
    }
    try {
      await this.repo.remove(kind, id, ifMatch);
      return ok(undefined);
    } catch (error) {
      return conflictOf(error, kind, id);
    }
  }

  /** Due times of a sample ticket created at `createdAt` (default now) under a stored or draft policy. */
  async preview(request: TSlaPreviewRequest): Promise<Result<TSlaPreview>> {
    const config = await this.repo.current();
    const policy =
      request.policy ??
      (request.policyId
        ? config.policies.find((p) => p.id === request.policyId)
        : matchPolicy(config.policies, request.ticket));
    if (!policy)
      return request.policyId
        ? invalid('policyId', `no SLA policy "${request.policyId}"`)
        : fail('REQUEST.NOT_FOUND', 'No SLA policy matches this ticket');
    const calendarId = request.calendarId ?? policy.calendarId;
    const calendar = config.calendars.get(calendarId);
    if (!calendar)
      return invalid(request.calendarId ? 'calendarId' : 'policy.calendarId', `no SLA calendar "${calendarId}"`);
    const createdAt = request.createdAt ? new Date(request.createdAt) : this.clock.now();
    const due = Object.fromEntries(
      SLA_TARGET_KINDS.map((kind) => {
        const ms = targetMs(policy, kind, request.ticket.priority);
        return [
          kind,
          ms === undefined ? null : { targetMs: ms, dueAt: addBusinessTime(calendar, createdAt, ms).toISOString() },
        ];
      }),
    ) as Pick<TSlaPreview, 'firstResponse' | 'nextResponse' | 'resolution'>;
    return ok({
      policy: { id: policy.id, name: policy.name },
      calendar: { id: calendar.id, name: calendar.name, timeZone: calendar.timeZone },
      createdAt: createdAt.toISOString(),
      ...due,
    });
  }

  /** Matches and stamps every open ticket again with today's configuration. */
  async recompute(): Promise<{ recomputed: number; failed: number }> {
    this.repo.invalidate();
    const ids: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.store.query<StoredDocument>('tickets', {
        where: [
          { field: 'docType', op: 'eq', value: 'ticket' },
          { field: 'status', op: 'in', values: ['new', 'open', 'pending'] },
        ],
        limit: 500,
        ...(cursor ? { cursor } : {}),
      });
      ids.push(...page.items.map((i) => i.doc.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    let recomputed = 0;
    for (const id of ids) {
      const outcome = await this.commands.run(id, SLA_ACTOR, () => ok(undefined), {
        retryOnConflict: true,
        slaRematch: true,
      });
      if (outcome.ok) recomputed++;
    }
    return { recomputed, failed: ids.length - recomputed };
  }
}
