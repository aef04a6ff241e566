/**
 * What the CMDB API does: create and change CIs (load -> model -> save, etag-guarded), relate
 * them, analyse impact, and set a ticket's affected CIs through the Ticket aggregate's
 * `setAffectedCis` (TicketCommands), after checking the CIs exist.
 */
import type { TAddRelation, TCreateCi, TSetAffectedCis, TUpdateCi } from '../api/cmdb.schemas.js';
import type { DirectoryRepository } from '../directory/directory-repository.js';
import type { Actor } from '../kernel/actor.js';
import { actorRef } from '../kernel/actor.js';
import type { ChangeContext } from '../kernel/change-context.js';
import { fail, ok, type Result } from '../kernel/result.js';
import type { Clock } from '../ports/clock.js';
import { ConcurrencyConflictError } from '../ports/document-store.js';
import type { IdGenerator } from '../ports/id-generator.js';
import type { CommandOptions, TicketCommands } from '../use-cases/ticket-commands.js';
import type { TicketQueries } from '../use-cases/ticket-queries.js';
import { type CiFields, type CiSnapshot, changeCi, createCi, type Provenance, recordRelationChange } from './ci.js';
import type { ClassRegistry } from './ci-classes.js';
import type { CiListFilter, CmdbRepository } from './cmdb-repository.js';
import { analyseImpact, type ImpactOptions, type ImpactResult } from './impact.js';
import { checkRelation, newRelation, RELATION_DEFINITIONS, type RelationSnapshot } from './relationships.js';

export interface CiWithEtag {
  readonly ci: CiSnapshot;
  readonly etag: string;
}

export interface RelationView {
  readonly relation: RelationSnapshot;
  readonly direction: 'outgoing' | 'incoming';
  readonly label: string;
  readonly other: { id: string; name: string; ciClass: string; status: string };
}

export class CmdbUseCases {
  constructor(
    private readonly repo: CmdbRepository,
    private readonly registry: ClassRegistry,
    private readonly directory: DirectoryRepository,
    private readonly tickets: TicketCommands,
    private readonly queries: TicketQueries,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
  ) {}

  get classes() {
    return this.registry;
  }

  private ctx(actor: Actor): ChangeContext {
    return { actor, now: this.clock.now(), ids: this.ids };
  }

  async get(ciId: string): Promise<Result<CiWithEtag>> {
    const found = await this.repo.get(ciId);
    return found ? ok({ ci: found.doc, etag: found.etag }) : fail('CI.NOT_FOUND', `No CI ${ciId}`);
  }

  async create(
    input: TCreateCi,
    actor: Actor,
    provenance: Provenance = { source: 'agent' },
  ): Promise<Result<CiWithEtag>> {
    const checked = await this.checkReferences(input, null);
    if (!checked.ok) return checked;
    const made = createCi(this.registry, input as CiFields, provenance, this.ctx(actor));
    if (!made.ok) return made;
    const etag = await this.repo.save(made.value.ci, made.value.entry, null, null);
    return ok({ ci: made.value.ci, etag });
  }

  async update(
    ciId: string,
    patch: TUpdateCi,
    actor: Actor,
    options: { ifMatch?: string; provenance?: Provenance } = {},
  ): Promise<Result<CiWithEtag>> {
    const found = await this.repo.get(ciId);
    if (!found) return fail('CI.NOT_FOUND', `No CI ${ciId}`);
    if (options.ifMatch !== undefined && options.ifMatch !== found.etag)
      return fail('REQUEST.PRECONDITION_FAILED', 'The CI changed since you loaded it (If-Match)');
    const checked = await this.checkReferences(patch, ciId);
    if (!checked.ok) return checked;
    const changed = changeCi(
      this.registry,
      found.doc,
      patch as Partial<CiFields>,
      options.provenance ?? { source: 'agent' },
      this.ctx(actor),
    );
    if (!changed.ok) return changed;
    if (!changed.value.entry && changed.value.ci.externalModifiedAt === found.doc.externalModifiedAt)
      return ok({ ci: found.doc, etag: found.etag });
    const etag = await this.repo.save(changed.value.ci, changed.value.entry, found.etag, found.doc);
    return ok({ ci: changed.value.ci, etag });
  }

  /** The owner team must exist and the asset tag must be free (checked before writing; see ADR 0019). */
  async checkReferences(
    fields: Partial<Pick<CiFields, 'ownerTeamId' | 'assetTag'>>,
    selfId: string | null,
  ): Promise<Result<void>> {
    if (fields.ownerTeamId && !(await this.directory.team(fields.ownerTeamId)))
      return fail('TEAM.NOT_FOUND', `No team ${fields.ownerTeamId}`);
    if (fields.assetTag?.trim()) {
      const holders = (await this.repo.idsWithAssetTag(fields.assetTag.trim())).filter((id) => id !== selfId);
      if (holders.length > 0)
        return fail('CI.DUPLICATE_ASSET_TAG', `Asset tag ${fields.assetTag.trim()} already belongs to ${holders[0]}`);
    }
    return ok(undefined);
  }

  list(filter: CiListFilter, limit: number, cursor?: string) {
    const { text } = filter;
    return text?.trim() ? this.repo.listByText({ ...filter, text }, limit) : this.repo.list(filter, limit, cursor);
  }

  search(q: string, limit: number) {
    return this.repo.search(q, limit);
  }

  async history(ciId: string, limit: number, cursor?: string) {
    if (!(await this.repo.get(ciId))) return fail('CI.NOT_FOUND', `No CI ${ciId}`);
    return ok(await this.repo.history(ciId, limit, cursor));
  }

  async addRelation(
    fromId: string,
    input: TAddRelation,
    actor: Actor,
    source: Provenance['source'] = 'agent',
  ): Promise<Result<RelationSnapshot>> {
    const [from, to] = await Promise.all([this.repo.get(fromId), this.repo.get(input.toId)]);
    if (!from) return fail('CI.NOT_FOUND', `No CI ${fromId}`);
    if (!to) return fail('CI.NOT_FOUND', `No CI ${input.toId}`);
    const allowed = checkRelation(input.type, from.doc, to.doc);
    if (!allowed.ok) return allowed;
    const ctx = this.ctx(actor);
    const relation = newRelation(input.type, fromId, input.toId, source, actorRef(actor), ctx.now);
    if (await this.repo.relation(fromId, relation.id)) return duplicate(from.doc, input, to.doc);
    const change = recordRelationChange(from.doc, 'relation_added', relation, source, ctx);
    try {
      await this.repo.addRelation(change.ci, from.etag, change.entry as NonNullable<typeof change.entry>, relation);
    } catch (error) {
      if (!(error instanceof ConcurrencyConflictError)) throw error;
      if (await this.repo.relation(fromId, relation.id)) return duplicate(from.doc, input, to.doc);
      return fail('CONCURRENCY.CONFLICT', 'The CI changed at the same time; retry');
    }
    return ok(relation);
  }

  async removeRelation(fromId: string, relationId: string, actor: Actor): Promise<Result<void>> {
    const from = await this.repo.get(fromId);
    if (!from) return fail('CI.NOT_FOUND', `No CI ${fromId}`);
    const relation = await this.repo.relation(fromId, relationId);
    if (!relation) return fail('RELATION.NOT_FOUND', `No relation ${relationId} from ${fromId}`);
    if (relation.source === 'valuemation')
      return fail('CI.READ_ONLY', `This relation comes from Valuemation: remove it there`);
    const change = recordRelationChange(from.doc, 'relation_removed', relation, 'agent', this.ctx(actor));
    await this.repo.removeRelation(change.ci, from.etag, change.entry as NonNullable<typeof change.entry>, relationId);
    return ok(undefined);
  }

  async relations(ciId: string): Promise<Result<RelationView[]>> {
    if (!(await this.repo.get(ciId))) return fail('CI.NOT_FOUND', `No CI ${ciId}`);
    const relations = await this.repo.relationsOf(ciId);
    const others = new Map(
      (await this.repo.many(relations.map((r) => (r.fromId === ciId ? r.toId : r.fromId)))).map((c) => [c.id, c]),
    );
    return ok(
      relations.map((relation) => {
        const outgoing = relation.fromId === ciId;
        const otherId = outgoing ? relation.toId : relation.fromId;
        const other = others.get(otherId);
        const def = RELATION_DEFINITIONS[relation.type];
        return {
          relation,
          direction: outgoing ? 'outgoing' : 'incoming',
          label: outgoing ? def.name : def.reverseName,
          other: other
            ? { id: other.id, name: other.name, ciClass: other.ciClass, status: other.status }
            : { id: otherId, name: otherId, ciClass: 'unknown', status: 'unknown' },
        };
      }),
    );
  }

  async impact(ciId: string, options: ImpactOptions): Promise<Result<ImpactResult>> {
    if (!(await this.repo.get(ciId))) return fail('CI.NOT_FOUND', `No CI ${ciId}`);
    return ok(await analyseImpact(this.repo, [ciId], options));
  }

  /** Sets the ticket's affected CIs through the aggregate (a `cis_changed` timeline entry). */
  async setTicketCis(ticketId: string, input: TSetAffectedCis, actor: Actor, options: CommandOptions = {}) {
    const found = new Set((await this.repo.many(input.cis.map((c) => c.ciId))).map((c) => c.id));
    const missing = input.cis.find((c) => !found.has(c.ciId));
    if (missing) return fail('CI.NOT_FOUND', `No CI ${missing.ciId}`);
    return this.tickets.run(ticketId, actor, (t, ctx) => t.setAffectedCis(input.cis, ctx), options);
  }

  /** The ticket's affected CIs and the business services their failure impacts. */
  async ticketCis(ticketId: string) {
    const ticket = await this.queries.get(ticketId);
    if (!ticket.ok) return ticket;
    const affected = ticket.value.ticket.affectedCis ?? [];
    const cis = new Map((await this.repo.many(affected.map((a) => a.ciId))).map((c) => [c.id, c]));
    const impact = await analyseImpact(this.repo, [...cis.keys()], { direction: 'downstream' });
    const direct = [...cis.values()].filter((c) => c.ciClass === 'business_service');
    return ok({
      items: affected.map((a) => ({ primary: a.primary, ciId: a.ciId, ci: cis.get(a.ciId) ?? null })),
      businessServices: [
        ...direct.map((c) => ({
          ci: {
            id: c.id,
            name: c.name,
            ciClass: c.ciClass,
            criticality: c.criticality,
            status: c.status,
            redundancy: c.redundancy,
          },
          depth: 0,
          state: 'down' as const,
          path: [{ ciId: c.id, name: c.name, relationType: null }],
        })),
        ...impact.businessServices,
      ],
      servicesComplete: impact.servicesComplete,
    });
  }
}

const duplicate = (from: CiSnapshot, input: TAddRelation, to: CiSnapshot): Result<never> =>
  fail('RELATION.DUPLICATE', `${from.name} already ${RELATION_DEFINITIONS[input.type].name} ${to.name}`);
