/**
 * The Zammad source of a migration (issue 20): its REST API v1 translated to the MigrationSource
 * port. Listings are `page`/`per_page` arrays (a shorter page is the last); tickets are read in id
 * order with `expand=true` (state, priority and group by name), so the page number is the resume
 * cursor; articles by ticket (`/api/v1/ticket_articles/by_ticket/{id}`) carry the Message-ID,
 * `internal` and the attachments, fetched from `/api/v1/ticket_attachment/{ticket}/{article}/{id}`.
 * HTML bodies become text with html-to-text. Owner id 1 is Zammad's "nobody".
 */
import { convert } from 'html-to-text';
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

export interface ZammadSourceOptions extends HttpSourceOptions {
  readonly url: string;
  readonly token: string;
  readonly perPage?: number;
}

interface ZmTicket {
  id: number;
  number: string;
  title: string;
  group_id: number | null;
  state?: string;
  priority?: string;
  customer_id: number | null;
  owner_id: number | null;
  created_at: string;
  updated_at: string;
}

interface ZmArticle {
  id: number;
  body: string;
  content_type: string;
  message_id: string | null;
  internal: boolean;
  type?: string;
  created_by_id: number | null;
  created_at: string;
  attachments?: { id: number; filename: string; size: string | number; preferences?: Record<string, string> }[];
}

/** Zammad's "nobody" (the system user owns unassigned tickets). */
const NOBODY = 1;
const str = (n: number | null | undefined) => (n === null || n === undefined ? null : String(n));

export class ZammadSource implements MigrationSource {
  readonly name = 'zammad';
  private readonly http: SourceHttp;
  private readonly base: string;
  private readonly perPage: number;

  constructor(options: ZammadSourceOptions) {
    this.base = options.url.replace(/\/+$/, '');
    this.perPage = options.perPage ?? 100;
    this.http = new SourceHttp(this.base, { authorization: `Token token=${options.token}` }, options);
  }

  get rateLimitWaitMs(): number {
    return this.http.waitedMs;
  }

  private async *pages<T>(path: string, extra = '', from = 1): AsyncIterable<{ items: T[]; page: number }> {
    for (let page = from; ; page++) {
      const items = await this.http.json<T[]>(`${this.base}${path}?page=${page}&per_page=${this.perPage}${extra}`);
      yield { items, page };
      if (items.length < this.perPage) return;
    }
  }

  async *organizations(): AsyncIterable<readonly SourceOrganization[]> {
    type Org = { id: number; name: string; domain?: string; note?: string };
    for await (const { items } of this.pages<Org>('/api/v1/organizations'))
      yield items.map((o) => ({
        id: String(o.id),
        name: o.name,
        domains: o.domain ? [o.domain] : [],
        notes: o.note ?? '',
      }));
  }

  async *groups(): AsyncIterable<readonly SourceGroup[]> {
    for await (const { items } of this.pages<{ id: number; name: string }>('/api/v1/groups'))
      yield items.map((g) => ({ id: String(g.id), name: g.name }));
  }

  async *users(): AsyncIterable<readonly SourceUser[]> {
    type User = {
      id: number;
      firstname?: string;
      lastname?: string;
      login: string;
      email?: string;
      phone?: string;
      organization_id: number | null;
      active: boolean;
      roles?: string[];
    };
    for await (const { items } of this.pages<User>('/api/v1/users', '&expand=true'))
      yield items.map((u) => ({
        id: String(u.id),
        name: [u.firstname, u.lastname].filter(Boolean).join(' ') || u.login,
        email: u.email ? u.email : null,
        role: (u.roles ?? []).some((r) => r === 'Agent' || r === 'Admin') ? 'agent' : 'end-user',
        organizationId: str(u.organization_id),
        phone: u.phone ? u.phone : null,
        active: u.active !== false,
      }));
  }

  async *tickets(cursor: string | null): AsyncIterable<TicketPage> {
    const from = cursor ? Number(cursor) : 1;
    for await (const { items, page } of this.pages<ZmTicket>(
      '/api/v1/tickets',
      '&expand=true&sort_by=id&order_by=asc',
      from,
    )) {
      const tickets = await Promise.all(items.map((t) => this.ticketOf(t)));
      yield { tickets, cursor: items.length < this.perPage ? null : String(page + 1) };
    }
  }

  private async ticketOf(t: ZmTicket): Promise<SourceTicket> {
    const tags = await this.http.json<{ tags?: string[] }>(`${this.base}/api/v1/tags?object=Ticket&o_id=${t.id}`);
    return {
      id: String(t.id),
      number: t.number,
      subject: t.title,
      description: '',
      status: t.state ?? 'open',
      priority: t.priority ?? null,
      type: null,
      tags: tags.tags ?? [],
      requesterId: str(t.customer_id),
      assigneeId: t.owner_id === NOBODY ? null : str(t.owner_id),
      groupId: str(t.group_id),
      channel: 'email',
      createdAt: t.created_at,
      updatedAt: t.updated_at,
      url: `${this.base}/#ticket/zoom/${t.id}`,
    };
  }

  async comments(ticketId: string): Promise<readonly SourceComment[]> {
    const articles = await this.http.json<ZmArticle[]>(
      `${this.base}/api/v1/ticket_articles/by_ticket/${encodeURIComponent(ticketId)}`,
    );
    return articles.map((a) => ({
      id: String(a.id),
      authorId: str(a.created_by_id),
      public: !a.internal,
      body: a.content_type === 'text/html' ? convert(a.body, { wordwrap: false }) : a.body,
      createdAt: a.created_at,
      channel: a.type ?? 'note',
      messageId: a.message_id,
      attachments: (a.attachments ?? []).map(
        (f): SourceAttachment => ({
          id: String(f.id),
          filename: f.filename,
          contentType: f.preferences?.['Content-Type'] ?? f.preferences?.['Mime-Type'] ?? 'application/octet-stream',
          size: Number(f.size),
          location: `${this.base}/api/v1/ticket_attachment/${ticketId}/${a.id}/${f.id}`,
          inline: false,
        }),
      ),
    }));
  }

  attachment(attachment: SourceAttachment): Promise<Uint8Array> {
    return this.http.bytes(attachment.location);
  }
}
