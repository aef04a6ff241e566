/**
 * Ticket templates (issue 18): named starting points for a ticket an agent opens on a customer's
 * behalf ("Password reset", "New starter laptop"). Any agent reads them; leads and admins create,
 * change and delete them. Stored in the `config` container, partition `ticket-templates`.
 */
import type { TCreateTicketTemplate, TTicketTemplate, TUpdateTicketTemplate } from '../api/ticket-templates.schemas.js';
import { isSupervisor } from '../directory/agent.js';
import type { DirectoryRepository } from '../directory/directory-repository.js';
import { type Actor, type ActorRef, actorRef } from '../kernel/actor.js';
import { fail, ok, type Result } from '../kernel/result.js';
import type { Clock } from '../ports/clock.js';
import { ConcurrencyConflictError, type DocumentStore, type StoredDocument } from '../ports/document-store.js';
import type { IdGenerator } from '../ports/id-generator.js';
import { ConfigCollection } from '../storage/config-collection.js';

export interface TicketTemplateDoc extends StoredDocument {
  readonly pk: 'ticket-templates';
  readonly docType: 'ticket-template';
  readonly name: string;
  readonly description: string;
  readonly fields: TTicketTemplate['fields'];
  readonly active: boolean;
  readonly createdBy: ActorRef;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** Tickets opened from it (absent on templates stored before the count: none yet). */
  readonly usageCount?: number;
  readonly lastUsedAt?: string | null;
}

export const toTemplateDto = ({ pk: _pk, docType: _docType, ...dto }: TicketTemplateDoc): TTicketTemplate => ({
  ...dto,
  usageCount: dto.usageCount ?? 0,
  lastUsedAt: dto.lastUsedAt ?? null,
});

const mayManage = (actor: Actor): boolean => actor.kind === 'agent' && isSupervisor(actor.roles);

export class TicketTemplates {
  private readonly docs: ConfigCollection<TicketTemplateDoc>;

  constructor(
    store: DocumentStore,
    private readonly directory: DirectoryRepository,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
  ) {
    this.docs = new ConfigCollection(store, 'ticket-templates', 'ticket-template');
  }

  /** Active templates by name; `all` adds inactive ones (the managers' list). */
  async list(options: { all?: boolean } = {}): Promise<TicketTemplateDoc[]> {
    const found = (await this.docs.all()).map((v) => v.doc).filter((t) => options.all || t.active);
    return found.sort((a, b) => a.name.localeCompare(b.name));
  }

  async get(id: string): Promise<Result<{ template: TicketTemplateDoc; etag: string }>> {
    const found = await this.docs.get(id);
    return found
      ? ok({ template: found.doc, etag: found.etag })
      : fail('TEMPLATE.NOT_FOUND', `No ticket template ${id}`);
  }

  async create(
    input: TCreateTicketTemplate,
    actor: Actor,
  ): Promise<Result<{ template: TicketTemplateDoc; etag: string }>> {
    if (!mayManage(actor)) return fail('AUTH.FORBIDDEN', 'Only leads and admins manage ticket templates');
    const team = await this.checkTeam(input.fields.teamId);
    if (!team.ok) return team;
    const at = this.clock.now().toISOString();
    const template: TicketTemplateDoc = {
      id: this.ids.next('tt_'),
      pk: 'ticket-templates',
      docType: 'ticket-template',
      ...input,
      createdBy: actorRef(actor),
      createdAt: at,
      updatedAt: at,
    };
    const etag = await this.docs.create(template);
    return ok({ template, etag });
  }

  async update(
    id: string,
    patch: TUpdateTicketTemplate,
    actor: Actor,
    ifMatch?: string,
  ): Promise<Result<{ template: TicketTemplateDoc; etag: string }>> {
    if (!mayManage(actor)) return fail('AUTH.FORBIDDEN', 'Only leads and admins manage ticket templates');
    const found = await this.get(id);
    if (!found.ok) return found;
    if (ifMatch !== undefined && ifMatch !== found.value.etag)
      return fail('REQUEST.PRECONDITION_FAILED', 'The template changed since you loaded it (If-Match)');
    if (patch.fields) {
      const team = await this.checkTeam(patch.fields.teamId);
      if (!team.ok) return team;
    }
    const template: TicketTemplateDoc = {
      ...found.value.template,
      ...patch,
      updatedAt: this.clock.now().toISOString(),
    };
    const etag = await this.docs.replace(template, found.value.etag);
    return ok({ template, etag });
  }

  async remove(id: string, actor: Actor): Promise<Result<void>> {
    if (!mayManage(actor)) return fail('AUTH.FORBIDDEN', 'Only leads and admins manage ticket templates');
    try {
      await this.docs.remove(id);
      return ok(undefined);
    } catch (error) {
      if (error instanceof ConcurrencyConflictError && error.reason === 'not-found')
        return fail('TEMPLATE.NOT_FOUND', `No ticket template ${id}`);
      throw error;
    }
  }

  /** A ticket was opened from the template (a lost count under contention is acceptable). */
  async countUse(id: string): Promise<void> {
    const at = this.clock.now().toISOString();
    await this.docs.update(id, (t) => ({ ...t, usageCount: (t.usageCount ?? 0) + 1, lastUsedAt: at }));
  }

  private async checkTeam(teamId: string | null | undefined): Promise<Result<void>> {
    if (!teamId || (await this.directory.team(teamId))) return ok(undefined);
    return fail('TEAM.NOT_FOUND', `No team ${teamId}`);
  }
}
