/**
 * The known error (issue 17, ADR 0034): reference data beside the work items, numbered KE-. Its
 * content (title, symptoms, root cause, workaround, error codes, the problem it came from, the CIs
 * and services it concerns) changes only by named acts that each write a NEW version document; old
 * versions are never replaced or deleted (append-only, like a timeline). The current document
 * carries the newest version's content and number, so reading a known error is a point read.
 * Pure: ids and `now` arrive in the ChangeContext.
 */
import type { KnownErrorEventType } from '../events/domain-event.js';
import type { ActorRef } from '../kernel/actor.js';
import { actorRef } from '../kernel/actor.js';
import type { ChangeContext } from '../kernel/change-context.js';
import { fail, ok, type Result } from '../kernel/result.js';
import { type KnownErrorAction, type KnownErrorStatus, nextKnownErrorStatus } from './known-error-state.js';

export interface KnownErrorContent {
  readonly title: string;
  readonly symptoms: string;
  readonly rootCause: string;
  readonly workaround: string;
  /** As people type them (`0x80070005`, `ORA-12541`); searched as words. */
  readonly errorCodes: readonly string[];
  /** The problem (PRB-) it was found by, by id; the problem may not exist (yet) here. */
  readonly problemId: string | null;
  readonly ciIds: readonly string[];
  /** Business services (CIs of class business_service) it shows on. */
  readonly serviceIds: readonly string[];
}

/** Where a candidate came from: an answered assist's question and answer. */
export interface KnownErrorSource {
  readonly kind: 'assist';
  readonly ticketId: string;
  readonly ticketNumber: string;
  readonly assistId: string;
}

export interface KnownErrorSnapshot extends KnownErrorContent {
  readonly id: string;
  readonly knownErrorId: string;
  readonly docType: 'known-error';
  /** KE-1001. */
  readonly number: string;
  readonly status: KnownErrorStatus;
  /** The newest version's number (1 at creation). */
  readonly version: number;
  readonly source: KnownErrorSource | null;
  /** How often "apply workaround" used it, and when last. */
  readonly useCount: number;
  readonly lastUsedAt: string | null;
  readonly createdBy: ActorRef;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly publishedAt: string | null;
  readonly retiredAt: string | null;
}

export type VersionChange = 'created' | KnownErrorAction;

/** One version: the content as it was after that act, who did it and when. Never rewritten. */
export interface KnownErrorVersion extends KnownErrorContent {
  readonly id: string;
  readonly knownErrorId: string;
  readonly docType: 'known-error-version';
  readonly version: number;
  readonly status: KnownErrorStatus;
  readonly change: VersionChange;
  readonly by: ActorRef;
  readonly at: string;
}

/** What a save writes: the current document and the new version, if the act made one. */
export interface KnownErrorStep {
  readonly knownError: KnownErrorSnapshot;
  readonly version: KnownErrorVersion | null;
  readonly event: KnownErrorEventType;
}

const EVENT_OF: Record<VersionChange, KnownErrorEventType> = {
  created: 'known_error.created',
  edit: 'known_error.edited',
  publish: 'known_error.published',
  retire: 'known_error.retired',
  redraft: 'known_error.redrafted',
};

const versionId = (knownErrorId: string, version: number) => `${knownErrorId}-v${version}`;

const contentOf = (ke: KnownErrorContent): KnownErrorContent => ({
  title: ke.title,
  symptoms: ke.symptoms,
  rootCause: ke.rootCause,
  workaround: ke.workaround,
  errorCodes: ke.errorCodes,
  problemId: ke.problemId,
  ciIds: ke.ciIds,
  serviceIds: ke.serviceIds,
});

const unique = (values: readonly string[]): string[] => [...new Set(values.map((v) => v.trim()).filter(Boolean))];

const normalised = (content: KnownErrorContent): KnownErrorContent => ({
  ...content,
  title: content.title.trim(),
  errorCodes: unique(content.errorCodes),
  ciIds: unique(content.ciIds),
  serviceIds: unique(content.serviceIds),
});

function versionOf(ke: KnownErrorSnapshot, change: VersionChange, ctx: ChangeContext): KnownErrorVersion {
  return {
    ...contentOf(ke),
    id: versionId(ke.id, ke.version),
    knownErrorId: ke.id,
    docType: 'known-error-version',
    version: ke.version,
    status: ke.status,
    change,
    by: actorRef(ctx.actor),
    at: ctx.now.toISOString(),
  };
}

const mayWrite = (ctx: ChangeContext) => ctx.actor.kind === 'agent' || ctx.actor.kind === 'system';

export function createKnownError(
  input: {
    readonly id: string;
    readonly number: string;
    readonly source?: KnownErrorSource | null;
  } & KnownErrorContent,
  ctx: ChangeContext,
): Result<KnownErrorStep> {
  if (!mayWrite(ctx)) return fail('AUTH.FORBIDDEN', 'Agents write known errors');
  const { id, number, source, ...content } = input;
  const at = ctx.now.toISOString();
  const knownError: KnownErrorSnapshot = {
    ...normalised(content),
    id,
    knownErrorId: id,
    docType: 'known-error',
    number,
    status: 'draft',
    version: 1,
    source: source ?? null,
    useCount: 0,
    lastUsedAt: null,
    createdBy: actorRef(ctx.actor),
    createdAt: at,
    updatedAt: at,
    publishedAt: null,
    retiredAt: null,
  };
  return ok({ knownError, version: versionOf(knownError, 'created', ctx), event: 'known_error.created' });
}

/** Edit, publish, retire or redraft: a move of the table that writes the next version. */
export function actOnKnownError(
  ke: KnownErrorSnapshot,
  action: KnownErrorAction,
  ctx: ChangeContext,
  edit?: Partial<KnownErrorContent>,
): Result<KnownErrorStep> {
  if (!mayWrite(ctx)) return fail('AUTH.FORBIDDEN', 'Agents write known errors');
  const status: KnownErrorStatus | undefined = nextKnownErrorStatus(ke.status, action);
  if (!status)
    return fail('KNOWN_ERROR.ILLEGAL_TRANSITION', `Known error ${ke.number} is ${ke.status}: cannot ${action}`, {
      status: ke.status,
      action,
    });
  const content = normalised({ ...contentOf(ke), ...(edit ?? {}) });
  if (status === 'published' && content.workaround.trim() === '' && content.rootCause.trim() === '')
    return fail(
      'KNOWN_ERROR.INCOMPLETE',
      `Known error ${ke.number} needs a workaround or a root cause to be published`,
    );
  const at = ctx.now.toISOString();
  const next: KnownErrorSnapshot = {
    ...ke,
    ...content,
    status,
    version: ke.version + 1,
    updatedAt: at,
    publishedAt: action === 'publish' ? at : status === 'draft' ? null : ke.publishedAt,
    retiredAt: action === 'retire' ? at : status === 'retired' ? ke.retiredAt : null,
  };
  return ok({ knownError: next, version: versionOf(next, action, ctx), event: EVENT_OF[action] });
}

/** "Apply workaround" counted: no new version (the content did not change). */
export function countUse(ke: KnownErrorSnapshot, ctx: ChangeContext): Result<KnownErrorStep> {
  if (ke.status !== 'published')
    return fail(
      'KNOWN_ERROR.NOT_PUBLISHED',
      `Known error ${ke.number} is ${ke.status}: only published ones are applied`,
    );
  if (ke.workaround.trim() === '') return fail('KNOWN_ERROR.INCOMPLETE', `Known error ${ke.number} has no workaround`);
  const at = ctx.now.toISOString();
  return ok({
    knownError: { ...ke, useCount: ke.useCount + 1, lastUsedAt: at },
    version: null,
    event: 'known_error.used',
  });
}
