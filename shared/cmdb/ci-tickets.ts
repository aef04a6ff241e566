/**
 * Tickets and CIs together, for the screens (issue 15): a CI's open and recent tickets, the
 * ticket header's CI facts (affected CIs, impacted business services, suggested CIs, other open
 * incidents on the same CIs or services), the dependency view's neighbourhood, and the agent's
 * accept or dismiss of a suggested CI (through the Ticket aggregate). Tickets on a CI are read
 * from the `ticket-ci` links (tickets/ticket-ci-links.ts): one indexed query per 100 CIs.
 */
import type { TSuggestionAction } from '../api/ci-tickets.schemas.js';
import type { Actor } from '../kernel/actor.js';
import { fail, ok, type Result } from '../kernel/result.js';
import type { DocumentStore, StoredDocument } from '../ports/document-store.js';
import type { TicketCiLink } from '../tickets/ticket-ci-links.js';
import type { CommandOptions, TicketCommands } from '../use-cases/ticket-commands.js';
import type { TicketQueries } from '../use-cases/ticket-queries.js';
import type { CmdbRepository } from './cmdb-repository.js';
import type { CmdbUseCases } from './cmdb-use-cases.js';
import { analyseImpact } from './impact.js';
import { neighbourhood } from './neighbourhood.js';

const OPEN_ON_A_CI = 50;
const RECENT_ON_A_CI = 20;
const OTHER_INCIDENTS = 20;
/** The CIs whose failure reaches an impacted service, at most (upstream of the services). */
const SERVICE_SUPPLIERS = 500;
const CHUNK = 100;

type Link = TicketCiLink & StoredDocument;

export interface OtherIncident {
  readonly ticketId: string;
  readonly number: string;
  readonly title: string;
  readonly status: string;
  readonly priority: string;
  readonly createdAt: string;
  /** What it shares with this ticket: an affected CI, or a business service both impact. */
  readonly via: { readonly kind: 'ci' | 'service'; readonly ciId: string; readonly name: string };
}

const summary = ({ id: _i, docType: _d, ...link }: Link) => link;

export class CiTickets {
  constructor(
    private readonly store: DocumentStore,
    private readonly repo: CmdbRepository,
    private readonly cmdb: CmdbUseCases,
    private readonly commands: TicketCommands,
    private readonly queries: TicketQueries,
  ) {}

  /** The CI's open tickets and its most recent ones (any status), newest first. */
  async ciTickets(ciId: string) {
    if (!(await this.repo.get(ciId))) return fail('CI.NOT_FOUND', `No CI ${ciId}`);
    const [open, recent] = await Promise.all([
      this.openLinks([ciId], OPEN_ON_A_CI),
      this.store.query<Link>('tickets', {
        where: [
          { field: 'docType', op: 'eq', value: 'ticket-ci' },
          { field: 'ciId', op: 'eq', value: ciId },
        ],
        orderBy: [{ field: 'createdAt', direction: 'desc' }],
        limit: RECENT_ON_A_CI,
      }),
    ]);
    open.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    return ok({ open: open.map(summary), recent: recent.items.map((i) => summary(i.doc)) });
  }

  /** The ticket header's CI facts. */
  async ticketCis(ticketId: string) {
    const base = await this.cmdb.ticketCis(ticketId);
    if (!base.ok) return base;
    const ticket = await this.queries.get(ticketId);
    if (!ticket.ok) return ticket;
    const open = (ticket.value.ticket.suggestedCis ?? []).filter((s) => !s.dismissed);
    const suggested = new Map((await this.repo.many(open.map((s) => s.ciId))).map((c) => [c.id, c]));
    return ok({
      ...base.value,
      suggestions: open.map((s) => ({ ...s, ci: ciSummary(suggested.get(s.ciId)) })),
      otherOpenIncidents: await this.otherOpenIncidents(
        ticketId,
        base.value.items.map((i) => ({ id: i.ciId, name: i.ci?.name ?? i.ciId })),
        base.value.businessServices.map((s) => ({ id: s.ci.id, name: s.ci.name })),
      ),
    });
  }

  /**
   * Open incidents on any of the ticket's CIs, or on any CI whose failure reaches one of the
   * business services the ticket's CIs impact (a spike on a service shows here).
   */
  private async otherOpenIncidents(
    ticketId: string,
    cis: readonly { id: string; name: string }[],
    services: readonly { id: string; name: string }[],
  ): Promise<OtherIncident[]> {
    if (cis.length === 0) return [];
    const serviceOf = new Map<string, { id: string; name: string }>(services.map((s) => [s.id, s]));
    if (services.length > 0) {
      const suppliers = await analyseImpact(
        this.repo,
        services.map((s) => s.id),
        { direction: 'upstream', maxItems: SERVICE_SUPPLIERS },
      );
      for (const item of suppliers.items) {
        const service = serviceOf.get(item.path[0]?.ciId ?? '');
        if (service && !serviceOf.has(item.ci.id)) serviceOf.set(item.ci.id, service);
      }
    }
    const direct = new Map(cis.map((c) => [c.id, c]));
    const links = await this.openLinks([...new Set([...direct.keys(), ...serviceOf.keys()])], OTHER_INCIDENTS * 5);
    const byTicket = new Map<string, OtherIncident>();
    for (const link of links) {
      if (link.ticketId === ticketId || link.type !== 'incident') continue;
      const ci = direct.get(link.ciId);
      const service = serviceOf.get(link.ciId);
      const via = ci
        ? { kind: 'ci' as const, ciId: ci.id, name: ci.name }
        : { kind: 'service' as const, ciId: service?.id ?? link.ciId, name: service?.name ?? link.ciId };
      const known = byTicket.get(link.ticketId);
      if (known && (known.via.kind === 'ci' || via.kind === 'service')) continue;
      const { number, title, status, priority, createdAt } = link;
      byTicket.set(link.ticketId, { ticketId: link.ticketId, number, title, status, priority, createdAt, via });
    }
    return [...byTicket.values()]
      .sort((a, b) =>
        a.via.kind === b.via.kind ? b.createdAt.localeCompare(a.createdAt) : a.via.kind === 'ci' ? -1 : 1,
      )
      .slice(0, OTHER_INCIDENTS);
  }

  private async openLinks(ciIds: readonly string[], limit: number): Promise<Link[]> {
    const out: Link[] = [];
    for (let i = 0; i < ciIds.length && out.length < limit; i += CHUNK) {
      const page = await this.store.query<Link>('tickets', {
        where: [
          { field: 'docType', op: 'eq', value: 'ticket-ci' },
          { field: 'ciId', op: 'in', values: ciIds.slice(i, i + CHUNK) },
          { field: 'open', op: 'eq', value: true },
        ],
        limit,
      });
      out.push(...page.items.map((v) => v.doc));
    }
    return out;
  }

  async neighbourhood(ciId: string, depth: number) {
    const found = await neighbourhood(this.repo, ciId, { depth });
    return found ? ok(found) : fail('CI.NOT_FOUND', `No CI ${ciId}`);
  }

  /** An agent accepts (the CI becomes affected) or dismisses a suggested CI. */
  async actOnSuggestion(ticketId: string, input: TSuggestionAction, actor: Actor, options: CommandOptions = {}) {
    if (input.action === 'accept' && !(await this.repo.get(input.ciId)))
      return fail('CI.NOT_FOUND', `No CI ${input.ciId}`) as Result<never>;
    return this.commands.run(
      ticketId,
      actor,
      (t, ctx) =>
        input.action === 'accept' ? t.acceptSuggestedCi(input.ciId, ctx) : t.dismissSuggestedCi(input.ciId, ctx),
      options,
    );
  }
}

const ciSummary = (
  ci: { id: string; name: string; ciClass: string; status: string; criticality: number } | undefined,
) => (ci ? { id: ci.id, name: ci.name, ciClass: ci.ciClass, status: ci.status, criticality: ci.criticality } : null);
