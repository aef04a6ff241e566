/**
 * The generic migration format (issue 20, README "Moving in"), for any helpdesk without a source
 * of its own: one JSON document, or a folder of CSV files with the same columns. Validated with
 * zod here (pure); a document that does not fit is refused whole before anything is written,
 * naming the row and field, so a dry run shows every mistake. Rows that fit but cannot be taken
 * (a requester without an address...) are refused one by one by the run, as for any source.
 */
import { z } from 'zod';
import type {
  MigrationSource,
  SourceAttachment,
  SourceComment,
  SourceGroup,
  SourceOrganization,
  SourceTicket,
  SourceUser,
  TicketPage,
} from './migration-source.js';

const id = z.union([z.string().min(1).max(200), z.number().int().nonnegative()]).transform(String);
const optionalId = z
  .union([id, z.literal(''), z.null()])
  .optional()
  .transform((v) => (v === undefined || v === null || v === '' ? null : v));
const text = (max: number) => z.string().max(max);
const instant = z.string().refine((v) => !Number.isNaN(Date.parse(v)), 'is not a date and time (ISO 8601)');
/** CSV cells are strings: `true`/`false`, `a;b` lists. */
const bool = z.union([z.boolean(), z.enum(['true', 'false', '']).transform((v) => v !== 'false')]);
const list = z.union([
  z.array(z.string()),
  z.string().transform((v) =>
    v
      .split(';')
      .map((s) => s.trim())
      .filter(Boolean),
  ),
]);

export const ZGenericAttachment = z.strictObject({
  id,
  filename: text(255),
  contentType: text(200).default('application/octet-stream'),
  /** A file beside the document (relative path), or the bytes inline. */
  path: text(1000).optional(),
  base64: z.string().optional(),
});

export const ZGenericComment = z.strictObject({
  id,
  authorId: optionalId,
  public: bool.default(true),
  body: text(1_000_000).default(''),
  createdAt: instant,
  channel: text(40).default('email'),
  messageId: z.string().max(1000).nullable().optional(),
  attachments: z.array(ZGenericAttachment).default([]),
});

export const ZGenericTicket = z.strictObject({
  id,
  subject: text(1000).default(''),
  description: text(1_000_000).default(''),
  status: text(60).default('open'),
  priority: text(60).nullable().optional(),
  type: text(60).nullable().optional(),
  tags: list.default([]),
  requesterId: optionalId,
  assigneeId: optionalId,
  groupId: optionalId,
  channel: text(40).default('email'),
  createdAt: instant,
  updatedAt: instant.optional(),
  url: z.string().max(2000).nullable().optional(),
  comments: z.array(ZGenericComment).default([]),
});

export const ZGenericUser = z.strictObject({
  id,
  name: text(300).default(''),
  email: z.string().max(320).nullable().optional(),
  role: z.enum(['end-user', 'agent']).default('end-user'),
  organizationId: optionalId,
  phone: z.string().max(60).nullable().optional(),
  active: bool.default(true),
});

export const ZGenericDocument = z.strictObject({
  /** Part of every derived id: keep it the same across runs of one export. */
  source: z
    .string()
    .regex(/^[a-z][a-z0-9]{0,19}$/)
    .default('file'),
  organizations: z
    .array(z.strictObject({ id, name: text(300), domains: list.default([]), notes: text(10_000).default('') }))
    .default([]),
  groups: z.array(z.strictObject({ id, name: text(300) })).default([]),
  users: z.array(ZGenericUser).default([]),
  tickets: z.array(ZGenericTicket).default([]),
});
export type TGenericDocument = z.infer<typeof ZGenericDocument>;

export function parseGenericDocument(
  json: unknown,
): { ok: true; value: TGenericDocument } | { ok: false; issues: string[] } {
  const parsed = ZGenericDocument.safeParse(json);
  if (parsed.success) return { ok: true, value: parsed.data };
  return {
    ok: false,
    issues: parsed.error.issues
      .slice(0, 50)
      .map((i) => `${i.path.map(String).join('.') || '(document)'}: ${i.message}`),
  };
}

const PAGE = 500;

/**
 * A MigrationSource over a validated document; `readFile` fetches an attachment's bytes by its
 * path (the adapter's file system; inline base64 needs none).
 */
export class GenericSource implements MigrationSource {
  readonly name: string;
  private readonly comments_ = new Map<string, SourceComment[]>();

  constructor(
    private readonly doc: TGenericDocument,
    private readonly readFile: (path: string) => Promise<Uint8Array>,
  ) {
    this.name = doc.source;
    for (const t of doc.tickets)
      this.comments_.set(
        t.id,
        t.comments.map((c) => ({
          id: c.id,
          authorId: c.authorId,
          public: c.public,
          body: c.body,
          createdAt: c.createdAt,
          channel: c.channel,
          messageId: c.messageId ?? null,
          attachments: c.attachments.map(
            (a): SourceAttachment => ({
              id: a.id,
              filename: a.filename,
              contentType: a.contentType,
              size: a.base64 ? Math.floor((a.base64.length * 3) / 4) : 0,
              location: a.base64 !== undefined ? `base64:${a.base64}` : `path:${a.path ?? ''}`,
              inline: false,
            }),
          ),
        })),
      );
  }

  async *organizations(): AsyncIterable<readonly SourceOrganization[]> {
    yield this.doc.organizations;
  }

  async *groups(): AsyncIterable<readonly SourceGroup[]> {
    yield this.doc.groups;
  }

  async *users(): AsyncIterable<readonly SourceUser[]> {
    for (let i = 0; i < this.doc.users.length; i += PAGE)
      yield this.doc.users.slice(i, i + PAGE).map((u) => ({
        id: u.id,
        name: u.name,
        email: u.email ?? null,
        role: u.role,
        organizationId: u.organizationId,
        phone: u.phone ?? null,
        active: u.active,
      }));
  }

  async *tickets(cursor: string | null): AsyncIterable<TicketPage> {
    const tickets = this.doc.tickets;
    for (let i = cursor ? Number(cursor) : 0; i < tickets.length; i += PAGE) {
      const end = Math.min(i + PAGE, tickets.length);
      yield {
        tickets: tickets.slice(i, end).map(
          (t): SourceTicket => ({
            id: t.id,
            subject: t.subject,
            description: t.description || (t.comments[0]?.body ?? ''),
            status: t.status,
            priority: t.priority ?? null,
            type: t.type ?? null,
            tags: t.tags,
            requesterId: t.requesterId,
            assigneeId: t.assigneeId,
            groupId: t.groupId,
            channel: t.channel,
            createdAt: t.createdAt,
            updatedAt: t.updatedAt ?? t.comments.at(-1)?.createdAt ?? t.createdAt,
            url: t.url ?? null,
          }),
        ),
        cursor: end < tickets.length ? String(end) : null,
      };
    }
  }

  async comments(ticketId: string): Promise<readonly SourceComment[]> {
    return this.comments_.get(ticketId) ?? [];
  }

  async attachment(attachment: SourceAttachment): Promise<Uint8Array> {
    if (attachment.location.startsWith('base64:'))
      return Uint8Array.from(atob(attachment.location.slice('base64:'.length)), (c) => c.charCodeAt(0));
    const path = attachment.location.slice('path:'.length);
    if (path === '') throw new Error(`attachment ${attachment.id} has neither path nor base64`);
    return this.readFile(path);
  }
}

/** The CSV files of the folder form and how their rows nest into the document. */
export const CSV_FILES = ['organizations', 'groups', 'users', 'tickets', 'comments', 'attachments'] as const;
export type CsvFile = (typeof CSV_FILES)[number];

/**
 * Builds the document from CSV rows (header names as the JSON fields): comments name their
 * `ticketId`, attachments their `commentId`. Empty cells are absent values.
 */
export function documentFromCsv(source: string, rows: Partial<Record<CsvFile, Record<string, string>[]>>): unknown {
  const clean = (row: Record<string, string>) => Object.fromEntries(Object.entries(row).filter(([, v]) => v !== ''));
  const attachments = new Map<string, Record<string, string>[]>();
  for (const a of rows.attachments ?? []) {
    const { commentId, ...rest } = clean(a);
    const key = commentId ?? '';
    attachments.set(key, [...(attachments.get(key) ?? []), rest]);
  }
  const comments = new Map<string, unknown[]>();
  for (const c of rows.comments ?? []) {
    const { ticketId, ...rest } = clean(c);
    const key = ticketId ?? '';
    comments.set(key, [...(comments.get(key) ?? []), { ...rest, attachments: attachments.get(rest.id ?? '') ?? [] }]);
  }
  return {
    source,
    organizations: (rows.organizations ?? []).map(clean),
    groups: (rows.groups ?? []).map(clean),
    users: (rows.users ?? []).map(clean),
    tickets: (rows.tickets ?? []).map((t) => ({ ...clean(t), comments: comments.get(t.id ?? '') ?? [] })),
  };
}
