/**
 * Admin of blackout and maintenance windows (ADR 0031): list, create, replace and delete, each
 * write with the window's ETag (If-Match), as configuration elsewhere. Leads and admins only; the
 * HTTP edge checks the role.
 */
import type { TChangeWindow, TChangeWindowInput } from '../api/change-schedule.schemas.js';
import type { CmdbRepository } from '../cmdb/cmdb-repository.js';
import { fail, ok, type Result } from '../kernel/result.js';
import type { Clock } from '../ports/clock.js';
import type { IdGenerator } from '../ports/id-generator.js';
import type { ChangeScheduleRepository } from './change-schedule-repository.js';
import { type ChangeWindow, GLOBAL_SCOPE, validateWindow } from './change-windows.js';

export interface WindowOutcome {
  readonly window: TChangeWindow;
  readonly etag: string;
}

export class ChangeWindowAdmin {
  constructor(
    private readonly schedule: ChangeScheduleRepository,
    private readonly cmdb: Pick<CmdbRepository, 'many'>,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
  ) {}

  async list(): Promise<TChangeWindow[]> {
    const found = await this.schedule.windows();
    const names = await this.scopeNames(found.map((f) => f.doc.scope));
    return found.map((f) => toDto(f.doc, names));
  }

  async get(id: string): Promise<Result<WindowOutcome>> {
    const found = await this.schedule.window(id);
    if (!found) return fail('CHANGE_WINDOW.NOT_FOUND', `No window ${id}`);
    return ok({ window: toDto(found.doc, await this.scopeNames([found.doc.scope])), etag: found.etag });
  }

  async create(input: TChangeWindowInput): Promise<Result<WindowOutcome>> {
    const valid = await this.validate(input);
    if (!valid.ok) return valid;
    const id = this.ids.next('cwin_');
    const at = this.clock.now().toISOString();
    const window: ChangeWindow = {
      ...valid.value,
      id,
      changeId: id,
      docType: 'change-window',
      createdAt: at,
      updatedAt: at,
    };
    const etag = await this.schedule.saveWindow(window, null);
    return ok({ window: toDto(window, await this.scopeNames([window.scope])), etag });
  }

  /** Replaces the window; `ifMatch` is required (a lost update of a blackout is a bug). */
  async replace(id: string, input: TChangeWindowInput, ifMatch: string | undefined): Promise<Result<WindowOutcome>> {
    if (!ifMatch) return fail('REQUEST.PRECONDITION_FAILED', 'Send If-Match with the window ETag');
    const found = await this.schedule.window(id);
    if (!found) return fail('CHANGE_WINDOW.NOT_FOUND', `No window ${id}`);
    if (found.etag !== ifMatch) return fail('REQUEST.PRECONDITION_FAILED', 'The window changed since it was read');
    const valid = await this.validate(input);
    if (!valid.ok) return valid;
    const window: ChangeWindow = { ...found.doc, ...valid.value, updatedAt: this.clock.now().toISOString() };
    const etag = await this.schedule.saveWindow(window, ifMatch);
    return ok({ window: toDto(window, await this.scopeNames([window.scope])), etag });
  }

  async remove(id: string, ifMatch: string | undefined): Promise<Result<void>> {
    if (!ifMatch) return fail('REQUEST.PRECONDITION_FAILED', 'Send If-Match with the window ETag');
    const found = await this.schedule.window(id);
    if (!found) return fail('CHANGE_WINDOW.NOT_FOUND', `No window ${id}`);
    if (found.etag !== ifMatch) return fail('REQUEST.PRECONDITION_FAILED', 'The window changed since it was read');
    await this.schedule.deleteWindow(id, ifMatch);
    return ok(undefined);
  }

  private async validate(input: TChangeWindowInput) {
    if (input.scope !== GLOBAL_SCOPE && (await this.cmdb.many([input.scope])).length === 0)
      return fail<never>('CI.NOT_FOUND', `No CI ${input.scope}`);
    return validateWindow(input);
  }

  private async scopeNames(scopes: readonly string[]): Promise<Map<string, string>> {
    const cis = await this.cmdb.many(scopes.filter((s) => s !== GLOBAL_SCOPE));
    return new Map(cis.map((c) => [c.id, c.name]));
  }
}

const toDto = (w: ChangeWindow, names: ReadonlyMap<string, string>): TChangeWindow => ({
  id: w.id,
  kind: w.kind,
  name: w.name,
  scope: w.scope,
  scopeName: names.get(w.scope) ?? null,
  timeZone: w.timeZone,
  start: w.start,
  end: w.end,
  recurrence: w.recurrence,
  createdAt: w.createdAt,
  updatedAt: w.updatedAt,
});
