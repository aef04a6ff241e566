/**
 * The Zendesk Support source of a migration (issue 20, ADR 0029): its REST API translated to the
 * MigrationSource port, nothing more. Tickets come from the cursor-based incremental export
 * (`GET /api/v2/incremental/tickets/cursor.json`, deleted tickets excluded), page by page with the
 * cursor handed back so a resumed run continues after the last finished page; comments, users,
 * organizations and groups through cursor pagination (`page[size]=100`, `links.next`).
 *
 * Plain fetch rather than node-zendesk (6.0.1, Node >= 18): its `getAll` reads every page into
 * memory before returning (no page or cursor to resume from), it has no cursor-based incremental
 * export (only `start_time`), and on a 429 it throws instead of waiting `Retry-After`, which the
 * importer must honour. The calls are few and their shapes small.
 *
 * Where a comment's Internet Message-ID lives is an assumption to check on a real account:
 * `metadata.system.message_id` (the simulator serves it there); without it, threading of an old
 * thread falls back to the subject number rules.
 */
import type {
  MigrationSource,
  SourceAttachment,
  SourceComment,
  SourceGroup,
  SourceOrganization,
  SourceTicket,
  SourceUser,
  TicketPage,
} from '../../../shared/migration/migration-source.js';
import { type HttpSourceOptions, SourceHttp } from './source-http.js';

export interface ZendeskSourceOptions extends HttpSourceOptions {
  /** `https://acme.zendesk.com` (or the simulator's URL). */
  readonly url: string;
  readonly email: string;
  readonly token: string;
  /** Tickets per incremental export page (Zendesk allows up to 1000). */
  readonly ticketsPerPage?: number;
}

/** A cursor-paginated list: the items under the resource's name, `meta.has_more`, `links.next`. */
interface ZdList {
  readonly meta?: { readonly has_more?: boolean };
  readonly links?: { readonly next?: string | null };
  readonly [key: string]: unknown;
}

interface ZdTicket {
  id: number;
  url?: string;
  subject: string | null;
  description: string | null;
  status: string;
  priority: string | null;
  type: string | null;
  tags?: string[];
  requester_id: number | null;
  assignee_id: number | null;
  group_id: number | null;
  via?: { channel?: string };
  created_at: string;
  updated_at: string;
}

interface ZdComment {
  id: number;
  author_id: number | null;
  body?: string;
  plain_body?: string;
  public: boolean;
  created_at: string;
  via?: { channel?: string };
  metadata?: { system?: { message_id?: string } };
  attachments?: {
    id: number;
    file_name: string;
    content_url: string;
    content_type: string;
    size: number;
    inline?: boolean;
  }[];
}

const str = (n: number | null | undefined): string | null => (n === null || n === undefined ? null : String(n));

export class ZendeskSource implements MigrationSource {
  readonly name = 'zendesk';
  private readonly http: SourceHttp;
  private readonly base: string;

  constructor(private readonly options: ZendeskSourceOptions) {
    this.base = options.url.replace(/\/+$/, '');
    const auth = `Basic ${Buffer.from(`${options.email}/token:${options.token}`).toString('base64')}`;
    this.http = new SourceHttp(this.base, { authorization: auth }, options);
  }

  /** Time spent waiting on Zendesk's 429s so far (what bounds a run, rather than the import). */
  get rateLimitWaitMs(): number {
    return this.http.waitedMs;
  }

  /** Follows `links.next` while `meta.has_more`. */
  private async *list<T>(path: string, key: string): AsyncIterable<T[]> {
    let next: string | null = `${this.base}${path}?page[size]=100`;
    while (next) {
      const page: ZdList = await this.http.json<ZdList>(next);
      yield (page[key] as T[] | undefined) ?? [];
      next = page.meta?.has_more ? (page.links?.next ?? null) : null;
    }
  }

  async *organizations(): AsyncIterable<readonly SourceOrganization[]> {
    type Org = { id: number; name: string; domain_names?: string[]; notes?: string | null };
    for await (const page of this.list<Org>('/api/v2/organizations.json', 'organizations'))
      yield page.map((o) => ({ id: String(o.id), name: o.name, domains: o.domain_names ?? [], notes: o.notes ?? '' }));
  }

  async *groups(): AsyncIterable<readonly SourceGroup[]> {
    for await (const page of this.list<{ id: number; name: string }>('/api/v2/groups.json', 'groups'))
      yield page.map((g) => ({ id: String(g.id), name: g.name }));
  }

  async *users(): AsyncIterable<readonly SourceUser[]> {
    type User = {
      id: number;
      name: string;
      email: string | null;
      role: string;
      organization_id: number | null;
      phone: string | null;
      active: boolean;
    };
    for await (const page of this.list<User>('/api/v2/users.json', 'users'))
      yield page.map((u) => ({
        id: String(u.id),
        name: u.name,
        email: u.email ?? null,
        role: u.role === 'agent' || u.role === 'admin' ? 'agent' : 'end-user',
        organizationId: str(u.organization_id),
        phone: u.phone ?? null,
        active: u.active !== false,
      }));
  }

  async *tickets(cursor: string | null): AsyncIterable<TicketPage> {
    const perPage = this.options.ticketsPerPage ?? 1000;
    const path = '/api/v2/incremental/tickets/cursor.json';
    const continued = (c: string) => `cursor=${encodeURIComponent(c)}&per_page=${perPage}&exclude_deleted=true`;
    let query = cursor ? continued(cursor) : `start_time=0&per_page=${perPage}&exclude_deleted=true`;
    for (;;) {
      const page = await this.http.json<{ tickets: ZdTicket[]; after_cursor: string | null; end_of_stream: boolean }>(
        `${this.base}${path}?${query}`,
      );
      const next = page.end_of_stream ? null : page.after_cursor;
      yield { tickets: page.tickets.filter((t) => t.status !== 'deleted').map((t) => this.ticketOf(t)), cursor: next };
      if (!next) return;
      query = continued(next);
    }
  }

  private ticketOf(t: ZdTicket): SourceTicket {
    return {
      id: String(t.id),
      subject: t.subject ?? '',
      description: t.description ?? '',
      status: t.status,
      priority: t.priority,
      type: t.type,
      tags: t.tags ?? [],
      requesterId: str(t.requester_id),
      assigneeId: str(t.assignee_id),
      groupId: str(t.group_id),
      channel: t.via?.channel ?? 'api',
      createdAt: t.created_at,
      updatedAt: t.updated_at,
      // The agent-facing page, not the API resource.
      url: `${this.base}/agent/tickets/${t.id}`,
    };
  }

  async comments(ticketId: string): Promise<readonly SourceComment[]> {
    const out: SourceComment[] = [];
    for await (const page of this.list<ZdComment>(
      `/api/v2/tickets/${encodeURIComponent(ticketId)}/comments.json`,
      'comments',
    ))
      for (const c of page)
        out.push({
          id: String(c.id),
          authorId: str(c.author_id),
          public: c.public,
          body: c.plain_body ?? c.body ?? '',
          createdAt: c.created_at,
          channel: c.via?.channel ?? 'api',
          messageId: c.metadata?.system?.message_id ?? null,
          attachments: (c.attachments ?? []).map((a) => ({
            id: String(a.id),
            filename: a.file_name,
            contentType: a.content_type,
            size: a.size,
            location: a.content_url,
            inline: a.inline === true,
          })),
        });
    return out;
  }

  attachment(attachment: SourceAttachment): Promise<Uint8Array> {
    return this.http.bytes(attachment.location);
  }
}
