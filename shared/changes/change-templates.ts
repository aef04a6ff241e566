/**
 * The standard-change catalog (issue 16, ADR 0030): pre-approved templates ("restart an app
 * pool", "patch a Windows server in its maintenance window") an agent makes a standard change
 * from: no assessment, no CAB, schedulable at once (the standard table is new -> scheduled).
 * Templates live in the `config` container (partition `change-templates`), each with its ETag;
 * two built-in templates are there until an admin saves one with the same id. A retired template
 * stays readable (changes made from it name it) but makes no new changes.
 */
import type { TChangeTemplate, TChangeTemplateInput, TFromTemplate } from '../api/change-templates.schemas.js';
import type { Actor } from '../kernel/actor.js';
import { fail, ok, type Result } from '../kernel/result.js';
import type { Clock } from '../ports/clock.js';
import { ConcurrencyConflictError, type DocumentStore, type StoredDocument } from '../ports/document-store.js';
import type { ChangeOutcome, ChangeUseCases } from './change-use-cases.js';

const PK = 'change-templates';

export const BUILT_IN_TEMPLATES: readonly TChangeTemplate[] = [
  {
    id: 'tpl_restart_app_pool',
    name: 'Restart an IIS application pool',
    description: 'Recycle one application pool of a web server to clear a hung worker process.',
    implementationPlan: 'Drain the server from the load balancer, recycle the pool, check the health page, re-enable.',
    backoutPlan: 'Start the pool again; if it fails, restart IIS and escalate to the web team.',
    testPlan: 'The health page answers 200 and the error rate returns to normal.',
    durationMinutes: 30,
    active: true,
    version: 0,
    updatedAt: null,
  },
  {
    id: 'tpl_patch_windows_server',
    name: 'Patch a Windows server in its maintenance window',
    description: "Install the month's cumulative update on one Windows server inside its maintenance window.",
    implementationPlan: 'Snapshot the VM, install the update, reboot, confirm the services are running.',
    backoutPlan: 'Uninstall the update or revert to the snapshot.',
    testPlan: 'Services running, event log free of new errors, monitoring green for 30 minutes.',
    durationMinutes: 120,
    active: true,
    version: 0,
    updatedAt: null,
  },
];

type StoredTemplate = TChangeTemplate & StoredDocument & { pk: string; docType: 'change-template' };

const strip = (doc: StoredTemplate): TChangeTemplate => {
  const { pk: _p, docType: _d, _etag, _ts, ...template } = doc as StoredTemplate & { _etag?: unknown; _ts?: unknown };
  return template;
};

export class ChangeTemplates {
  constructor(
    private readonly store: DocumentStore,
    private readonly changes: ChangeUseCases,
    private readonly clock: Clock,
  ) {}

  /** The catalog: stored templates, and the built-ins nobody has replaced; by name. */
  async list(): Promise<TChangeTemplate[]> {
    const page = await this.store.query<StoredTemplate>('config', {
      partitionKey: PK,
      where: [{ field: 'pk', op: 'eq', value: PK }],
      limit: 100,
    });
    const stored = page.items.map((i) => strip(i.doc));
    const ids = new Set(stored.map((t) => t.id));
    return [...stored, ...BUILT_IN_TEMPLATES.filter((t) => !ids.has(t.id))].sort((a, b) =>
      a.name.localeCompare(b.name),
    );
  }

  async get(id: string): Promise<{ template: TChangeTemplate; etag: string | null } | undefined> {
    const found = await this.store.read<StoredTemplate>('config', PK, id);
    if (found) return { template: strip(found.doc), etag: found.etag };
    const builtIn = BUILT_IN_TEMPLATES.find((t) => t.id === id);
    return builtIn ? { template: builtIn, etag: null } : undefined;
  }

  /** Admins create or replace a template (If-Match with the ETag read when it is stored). */
  async save(
    id: string,
    input: TChangeTemplateInput,
    actor: Actor,
    ifMatch: string | null,
  ): Promise<Result<{ template: TChangeTemplate; etag: string }>> {
    if (actor.kind !== 'agent' || !actor.roles.includes('admin'))
      return fail('AUTH.FORBIDDEN', 'Only admins edit the standard-change catalog');
    const current = await this.get(id);
    if (current?.etag && ifMatch === null)
      return fail('REQUEST.PRECONDITION_FAILED', 'Send If-Match with the ETag of the template you read');
    const template: TChangeTemplate = {
      ...input,
      id,
      version: (current?.template.version ?? 0) + 1,
      updatedAt: this.clock.now().toISOString(),
    };
    const doc: StoredTemplate = { ...template, pk: PK, docType: 'change-template' };
    try {
      const [etag] = await this.store.batch('config', PK, [
        current?.etag ? { op: 'replace', doc, ifMatch: ifMatch as string } : { op: 'create', doc },
      ]);
      return ok({ template, etag: etag as string });
    } catch (error) {
      if (error instanceof ConcurrencyConflictError)
        return fail('CONCURRENCY.CONFLICT', 'The template changed meanwhile: reload it');
      throw error;
    }
  }

  /** A standard change made from an active template: pre-approved, its plan copied, schedulable at once. */
  async createChange(templateId: string, input: TFromTemplate, actor: Actor): Promise<Result<ChangeOutcome>> {
    const found = await this.get(templateId);
    if (!found) return fail('CHANGE.TEMPLATE_NOT_FOUND', `No standard-change template ${templateId}`);
    const { template } = found;
    if (!template.active) return fail('CHANGE.TEMPLATE_NOT_FOUND', `The template ${template.name} is retired`);
    const start = input.plannedStart ? new Date(input.plannedStart) : null;
    const plannedEnd =
      input.plannedEnd ??
      (start ? new Date(start.getTime() + template.durationMinutes * 60_000).toISOString() : undefined);
    return this.changes.create(
      {
        type: 'standard',
        templateId: template.id,
        title: input.title ?? template.name,
        description: input.description ?? template.description,
        implementationPlan: template.implementationPlan,
        backoutPlan: template.backoutPlan,
        testPlan: template.testPlan,
        ...(input.affectedCiIds ? { affectedCiIds: input.affectedCiIds } : {}),
        ...(input.teamId !== undefined ? { teamId: input.teamId } : {}),
        ...(input.plannedStart ? { plannedStart: input.plannedStart } : {}),
        ...(plannedEnd ? { plannedEnd } : {}),
        ...(input.fromTicket ? { fromTicket: input.fromTicket } : {}),
      },
      actor,
    );
  }
}
