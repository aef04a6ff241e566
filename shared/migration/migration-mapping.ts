/**
 * The mapping file of a migration: how the source's statuses, priorities, types, tags, groups and
 * agents become ours. Every part has a default (Zendesk's and Zammad's usual words), so a run
 * without a file works; what the defaults do not know is counted as "unmapped" in the report (a
 * dry run lists it before anything is written) and falls back to `defaults`.
 */
import { z } from 'zod';
import { LEVELS, type Level } from '../tickets/priority.js';
import { TICKET_STATUSES, type TicketStatus } from '../tickets/ticket-status.js';
import { TICKET_TYPES, type TicketType } from '../tickets/ticket-types.js';

const ZLevel = z.union(LEVELS.map((l) => z.literal(l)) as [z.ZodLiteral<1>, z.ZodLiteral<2>, z.ZodLiteral<3>]);
const ZPriority = z.strictObject({ impact: ZLevel, urgency: ZLevel });
const name = z.string().min(1).max(200);

export const ZMigrationMapping = z.strictObject({
  /** Source status (lower-cased) -> ours. */
  statuses: z.record(name, z.enum(TICKET_STATUSES)).default({}),
  /** Source priority (lower-cased) -> impact and urgency (our priority follows from the matrix). */
  priorities: z.record(name, ZPriority).default({}),
  types: z.record(name, z.enum(TICKET_TYPES)).default({}),
  /** Source tag -> our tag, or null to drop it; unlisted tags come over as they are. */
  tags: z.record(name, z.string().min(1).max(100).nullable()).default({}),
  /** Source group name or id -> our team id or slug. */
  groups: z.record(name, name).default({}),
  /** Source agent email -> our agent email, where people changed address with the move. */
  agents: z.record(name, z.email()).default({}),
  /** Prefix of the external number people search by (`ZD` gives `ZD-1234`). */
  numberPrefix: z
    .string()
    .regex(/^[A-Za-z]{1,6}$/)
    .optional(),
  defaults: z
    .strictObject({
      status: z.enum(TICKET_STATUSES).default('open'),
      priority: ZPriority.default({ impact: 3, urgency: 3 }),
      type: z.enum(TICKET_TYPES).default('incident'),
      /** Team of tickets whose group is not mapped (null: none). */
      teamId: z.string().min(1).nullable().default(null),
    })
    .prefault({}),
});
export type TMigrationMapping = z.infer<typeof ZMigrationMapping>;

/** The words Zendesk and Zammad use, so most runs need no file at all. */
const DEFAULT_STATUSES: Record<string, TicketStatus> = {
  new: 'new',
  open: 'open',
  pending: 'pending',
  hold: 'pending',
  'pending reminder': 'pending',
  'pending close': 'pending',
  solved: 'resolved',
  resolved: 'resolved',
  closed: 'closed',
  merged: 'closed',
};
const DEFAULT_PRIORITIES: Record<string, { impact: Level; urgency: Level }> = {
  urgent: { impact: 1, urgency: 1 },
  high: { impact: 2, urgency: 1 },
  '3 high': { impact: 2, urgency: 1 },
  normal: { impact: 2, urgency: 2 },
  '2 normal': { impact: 2, urgency: 2 },
  low: { impact: 3, urgency: 3 },
  '1 low': { impact: 3, urgency: 3 },
};
const DEFAULT_TYPES: Record<string, TicketType> = {
  incident: 'incident',
  problem: 'incident',
  question: 'question',
  task: 'service_request',
  request: 'service_request',
};

export type UnmappedKind = 'statuses' | 'priorities' | 'types' | 'groups' | 'agents';

/**
 * The mapping in force plus the tally of what it did not know. One per run; the importer reads
 * `unmapped` into its report.
 */
export class MigrationMapping {
  readonly unmapped: Record<UnmappedKind, Map<string, number>> = {
    statuses: new Map(),
    priorities: new Map(),
    types: new Map(),
    groups: new Map(),
    agents: new Map(),
  };

  constructor(readonly file: TMigrationMapping) {}

  static parse(json: unknown): { ok: true; value: MigrationMapping } | { ok: false; issues: string[] } {
    const parsed = ZMigrationMapping.safeParse(json ?? {});
    if (!parsed.success)
      return { ok: false, issues: parsed.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`) };
    return { ok: true, value: new MigrationMapping(parsed.data) };
  }

  static defaults(): MigrationMapping {
    return new MigrationMapping(ZMigrationMapping.parse({}));
  }

  private note(kind: UnmappedKind, value: string): void {
    this.unmapped[kind].set(value, (this.unmapped[kind].get(value) ?? 0) + 1);
  }

  private pick<T>(
    kind: UnmappedKind,
    value: string | null,
    own: Record<string, T>,
    builtIn: Record<string, T>,
  ): T | null {
    if (value === null || value.trim() === '') return null;
    const key = value.trim().toLowerCase();
    const found = own[key] ?? own[value] ?? builtIn[key];
    if (found === undefined) this.note(kind, value);
    return found ?? null;
  }

  status(value: string): TicketStatus {
    return this.pick('statuses', value, this.file.statuses, DEFAULT_STATUSES) ?? this.file.defaults.status;
  }

  priority(value: string | null): { impact: Level; urgency: Level } {
    return this.pick('priorities', value, this.file.priorities, DEFAULT_PRIORITIES) ?? this.file.defaults.priority;
  }

  type(value: string | null): TicketType {
    return this.pick('types', value, this.file.types, DEFAULT_TYPES) ?? this.file.defaults.type;
  }

  /** Tags mapped, dropped (null) or kept; lower-cased and de-duplicated as ours are. */
  tags(values: readonly string[]): string[] {
    const out = values.map((t) => (t in this.file.tags ? this.file.tags[t] : t)).filter((t) => t !== null);
    return [...new Set(out.map((t) => (t as string).trim().toLowerCase()).filter((t) => t !== ''))];
  }

  /** The team reference (id or slug) a source group maps to; null when the file does not name it. */
  groupTeam(group: { id: string; name: string }): string | null {
    const found = this.file.groups[group.name] ?? this.file.groups[group.id];
    if (found === undefined) this.note('groups', group.name);
    return found ?? null;
  }

  /** Our address for a source agent's address. */
  agentEmail(email: string): string {
    return (this.file.agents[email] ?? this.file.agents[email.toLowerCase()] ?? email).toLowerCase();
  }

  /** An agent of the source with no agent here (kept as an inactive directory entry). */
  unmappedAgent(email: string): void {
    this.note('agents', email);
  }

  unmappedReport(): Record<UnmappedKind, Record<string, number>> {
    const out = {} as Record<UnmappedKind, Record<string, number>>;
    for (const [kind, tally] of Object.entries(this.unmapped)) out[kind as UnmappedKind] = Object.fromEntries(tally);
    return out;
  }
}
