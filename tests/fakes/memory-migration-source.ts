/** A MigrationSource over arrays, paged like an API, with a switch to fail part-way (a crash). */
import type {
  MigrationSource,
  SourceAttachment,
  SourceComment,
  SourceGroup,
  SourceOrganization,
  SourceTicket,
  SourceUser,
  TicketPage,
} from '../../shared/migration/migration-source.js';

export interface MemorySourceData {
  organizations?: SourceOrganization[];
  groups?: SourceGroup[];
  users: SourceUser[];
  tickets: SourceTicket[];
  comments: Record<string, SourceComment[]>;
  files?: Record<string, Uint8Array>;
}

export class MemoryMigrationSource implements MigrationSource {
  readonly name: string;
  /** Throw on the comments call of this many tickets from now (null: never). */
  failAfterTickets: number | null = null;
  commentCalls = 0;

  constructor(
    private readonly data: MemorySourceData,
    private readonly pageSize = 2,
    name = 'memory',
  ) {
    this.name = name;
  }

  async *organizations(): AsyncIterable<readonly SourceOrganization[]> {
    yield this.data.organizations ?? [];
  }
  async *groups(): AsyncIterable<readonly SourceGroup[]> {
    yield this.data.groups ?? [];
  }
  async *users(): AsyncIterable<readonly SourceUser[]> {
    for (let i = 0; i < this.data.users.length; i += this.pageSize) yield this.data.users.slice(i, i + this.pageSize);
  }
  async *tickets(cursor: string | null): AsyncIterable<TicketPage> {
    for (let i = cursor ? Number(cursor) : 0; i < this.data.tickets.length; i += this.pageSize) {
      const end = i + this.pageSize;
      yield { tickets: this.data.tickets.slice(i, end), cursor: end < this.data.tickets.length ? String(end) : null };
    }
  }
  async comments(ticketId: string): Promise<readonly SourceComment[]> {
    this.commentCalls++;
    if (this.failAfterTickets !== null && this.failAfterTickets-- <= 0) throw new Error('source went away');
    return this.data.comments[ticketId] ?? [];
  }
  async attachment(attachment: SourceAttachment): Promise<Uint8Array> {
    const content = this.data.files?.[attachment.location];
    if (!content) throw new Error(`404 for ${attachment.location}`);
    return content;
  }
}

export const aSourceUser = (id: string, overrides: Partial<SourceUser> = {}): SourceUser => ({
  id,
  name: `User ${id}`,
  email: `user${id}@acme.example`,
  role: 'end-user',
  organizationId: null,
  phone: null,
  active: true,
  ...overrides,
});

export const aSourceTicket = (id: string, overrides: Partial<SourceTicket> = {}): SourceTicket => ({
  id,
  subject: `Ticket ${id}`,
  description: `Help with ${id}`,
  status: 'open',
  priority: 'normal',
  type: 'incident',
  tags: [],
  requesterId: '100',
  assigneeId: null,
  groupId: null,
  channel: 'email',
  createdAt: '2025-01-10T08:00:00Z',
  updatedAt: '2025-01-11T08:00:00Z',
  url: null,
  ...overrides,
});

export const aSourceComment = (id: string, overrides: Partial<SourceComment> = {}): SourceComment => ({
  id,
  authorId: '100',
  public: true,
  body: `Comment ${id}`,
  createdAt: '2025-01-10T08:00:00Z',
  channel: 'email',
  messageId: null,
  attachments: [],
  ...overrides,
});
