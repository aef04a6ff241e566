/**
 * The source port of a migration (issue 20, ADR 0029): what another helpdesk hands over, in its own
 * words (its statuses, priorities, group names), already in one shape for every source. Adapters
 * (Zendesk's REST API, Zammad's, the generic JSON/CSV file) translate their wire format to this and
 * nothing more; the mapping file and the importer decide what it becomes here.
 */

export interface SourceOrganization {
  readonly id: string;
  readonly name: string;
  /** Mail domains of the organization (its people write from them). */
  readonly domains: readonly string[];
  readonly notes: string;
}

export interface SourceUser {
  readonly id: string;
  readonly name: string;
  /** Null for people the source knows without an address (phone-only callers). */
  readonly email: string | null;
  /** `agent` covers the source's agents and admins: the people who answered tickets there. */
  readonly role: 'end-user' | 'agent';
  readonly organizationId: string | null;
  readonly phone: string | null;
  readonly active: boolean;
}

export interface SourceGroup {
  readonly id: string;
  readonly name: string;
}

export interface SourceAttachment {
  readonly id: string;
  readonly filename: string;
  readonly contentType: string;
  readonly size: number;
  /** Where the adapter fetches the bytes from (opaque to the core). */
  readonly location: string;
  readonly inline: boolean;
}

export interface SourceComment {
  readonly id: string;
  readonly authorId: string | null;
  /** False: an internal note there. */
  readonly public: boolean;
  /** Plain text (the source's rendering of it when it stores HTML). */
  readonly body: string;
  readonly createdAt: string;
  /** `email`, `web`, `api`, `phone`... as the source names the channel it came through. */
  readonly channel: string;
  /** The Internet Message-ID of the mail this comment came as (or went out as), when the source kept it. */
  readonly messageId: string | null;
  readonly attachments: readonly SourceAttachment[];
}

export interface SourceTicket {
  readonly id: string;
  /** The number people used there when it is not the id (Zammad's `number`); absent: the id. */
  readonly number?: string;
  readonly subject: string;
  readonly description: string;
  /** The source's own words; the mapping file turns them into ours. */
  readonly status: string;
  readonly priority: string | null;
  readonly type: string | null;
  readonly tags: readonly string[];
  readonly requesterId: string | null;
  readonly assigneeId: string | null;
  readonly groupId: string | null;
  readonly channel: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly url: string | null;
}

/** One page of tickets and the cursor that continues after it (null: the end). */
export interface TicketPage {
  readonly tickets: readonly SourceTicket[];
  readonly cursor: string | null;
}

export interface MigrationSource {
  /** `zendesk`, `zammad`, `file`: part of every id the import derives, so keep it stable. */
  readonly name: string;
  organizations(): AsyncIterable<readonly SourceOrganization[]>;
  groups(): AsyncIterable<readonly SourceGroup[]>;
  users(): AsyncIterable<readonly SourceUser[]>;
  /** Tickets page by page from `cursor` (null: the beginning); a resumed run passes the last page's cursor. */
  tickets(cursor: string | null): AsyncIterable<TicketPage>;
  /** A ticket's conversation, oldest first; the first comment is the ticket's description. */
  comments(ticketId: string): Promise<readonly SourceComment[]>;
  attachment(attachment: SourceAttachment): Promise<Uint8Array>;
}
