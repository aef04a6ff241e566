/**
 * What a migration remembers between runs, in the `config` container (one partition per source,
 * point reads only): which source records it already took and what they became here (companies,
 * contacts, agents), and the run's state: the ticket cursor after the last finished page, the
 * counts so far and the refused rows with their reasons. A run that stops anywhere starts again
 * from the saved cursor; tickets of the page it was in are found by their derived ids and skipped.
 */
import type { DocumentStore, StoredDocument } from '../ports/document-store.js';

export type LedgerKind = 'organization' | 'user';

interface LedgerDoc extends StoredDocument {
  readonly pk: string;
  readonly docType: 'migration-record';
  readonly kind: LedgerKind;
  readonly sourceId: string;
  readonly targetId: string;
  readonly at: string;
}

export interface Rejection {
  readonly kind: 'organization' | 'user' | 'ticket' | 'attachment';
  readonly sourceId: string;
  readonly reason: string;
}

export type CountKind = 'organizations' | 'groups' | 'users' | 'agents' | 'tickets' | 'entries' | 'attachments';
export type Counts = Record<CountKind, { imported: number; skipped: number; rejected: number }>;

export const emptyCounts = (): Counts => ({
  organizations: { imported: 0, skipped: 0, rejected: 0 },
  groups: { imported: 0, skipped: 0, rejected: 0 },
  users: { imported: 0, skipped: 0, rejected: 0 },
  agents: { imported: 0, skipped: 0, rejected: 0 },
  tickets: { imported: 0, skipped: 0, rejected: 0 },
  entries: { imported: 0, skipped: 0, rejected: 0 },
  attachments: { imported: 0, skipped: 0, rejected: 0 },
});

export interface RunState {
  readonly source: string;
  /** The ticket cursor after the last page finished (null: from the start). */
  readonly cursor: string | null;
  readonly startedAt: string;
  readonly updatedAt: string;
  readonly finishedAt: string | null;
  /** Totals over every run of this source (a resumed run adds to them). */
  readonly counts: Counts;
  /** The refused rows, the first MAX_KEPT_REJECTIONS of them (the counts have them all). */
  readonly rejected: readonly Rejection[];
}

type RunDoc = RunState & StoredDocument & { readonly pk: string; readonly docType: 'migration-run' };

export const MAX_KEPT_REJECTIONS = 1_000;

const pkOf = (source: string) => `migration:${source}`;
/** Ids may only hold what every store accepts: source ids are mostly digits, anything else is escaped. */
const safe = (value: string) => value.replace(/[^A-Za-z0-9_.@-]/g, (c) => `~${c.codePointAt(0)?.toString(16)}`);

export class MigrationLedger {
  constructor(
    private readonly store: DocumentStore,
    readonly source: string,
  ) {}

  private get pk(): string {
    return pkOf(this.source);
  }

  async target(kind: LedgerKind, sourceId: string): Promise<string | undefined> {
    const found = await this.store.read<LedgerDoc>('config', this.pk, `mig.${this.source}.${kind}.${safe(sourceId)}`);
    return found?.doc.targetId;
  }

  async remember(kind: LedgerKind, sourceId: string, targetId: string, at: string): Promise<void> {
    const doc: LedgerDoc = {
      id: `mig.${this.source}.${kind}.${safe(sourceId)}`,
      pk: this.pk,
      docType: 'migration-record',
      kind,
      sourceId,
      targetId,
      at,
    };
    await this.store.batch('config', this.pk, [{ op: 'upsert', doc }]);
  }

  async state(): Promise<RunState | undefined> {
    const found = await this.store.read<RunDoc>('config', this.pk, `mig.${this.source}.run`);
    if (!found) return undefined;
    const { id: _i, pk: _p, docType: _d, ...state } = found.doc;
    return state as RunState;
  }

  async save(state: RunState): Promise<void> {
    const doc: RunDoc = {
      ...state,
      rejected: state.rejected.slice(0, MAX_KEPT_REJECTIONS),
      id: `mig.${this.source}.run`,
      pk: this.pk,
      docType: 'migration-run',
    };
    await this.store.batch('config', this.pk, [{ op: 'upsert', doc }]);
  }
}

/** Every source's run state (progress of the run going on, or the last one): the admin's view. */
export async function migrationRuns(store: DocumentStore): Promise<RunState[]> {
  const page = await store.query<RunDoc>('config', {
    where: [{ field: 'docType', op: 'eq', value: 'migration-run' }],
    limit: 100,
  });
  return page.items.map(({ doc }) => {
    const { id: _i, pk: _p, docType: _d, ...state } = doc;
    return state as RunState;
  });
}

/** A derived id part from a source id (`t_zendesk_1234`, `att_zendesk_99`): stable across runs. */
export const derivedId = (prefix: string, source: string, sourceId: string): string =>
  `${prefix}${source}_${sourceId.replace(/[^A-Za-z0-9]/g, (c) => `x${c.codePointAt(0)?.toString(16)}`)}`;
