/**
 * A generated Zendesk account for the simulator: organizations with domains, groups, agents (some
 * with an agent of the demo organisation by email, one who left), end users (one without an email
 * address: phone-only), and tickets with 1-6 comments each (public replies, internal notes,
 * Message-IDs on mail, attachments with deterministic bytes), in Zendesk's JSON shapes.
 * Deterministic from the seed, so tests know what they will find.
 */

export interface ZdOrganization {
  id: number;
  url: string;
  name: string;
  domain_names: string[];
  notes: string | null;
  details: string | null;
  created_at: string;
  updated_at: string;
}

export interface ZdUser {
  id: number;
  url: string;
  name: string;
  email: string | null;
  role: 'end-user' | 'agent' | 'admin';
  organization_id: number | null;
  phone: string | null;
  active: boolean;
  created_at: string;
  updated_at: string;
}

export interface ZdGroup {
  id: number;
  url: string;
  name: string;
  deleted: boolean;
  created_at: string;
  updated_at: string;
}

export interface ZdAttachment {
  id: number;
  file_name: string;
  content_url: string;
  content_type: string;
  size: number;
  inline: boolean;
  thumbnails: unknown[];
}

export interface ZdComment {
  id: number;
  type: 'Comment';
  author_id: number;
  body: string;
  html_body: string;
  plain_body: string;
  public: boolean;
  attachments: ZdAttachment[];
  audit_id: number;
  via: { channel: string; source: { from: Record<string, unknown>; to: Record<string, unknown>; rel: string | null } };
  metadata: { system: Record<string, unknown>; custom: Record<string, unknown> };
  created_at: string;
}

export interface ZdTicket {
  id: number;
  url: string;
  external_id: string | null;
  type: 'problem' | 'incident' | 'question' | 'task' | null;
  subject: string;
  raw_subject: string;
  description: string;
  priority: 'urgent' | 'high' | 'normal' | 'low' | null;
  status: 'new' | 'open' | 'pending' | 'hold' | 'solved' | 'closed' | 'deleted';
  requester_id: number;
  submitter_id: number;
  assignee_id: number | null;
  organization_id: number | null;
  group_id: number | null;
  tags: string[];
  via: { channel: string; source: Record<string, unknown> };
  created_at: string;
  updated_at: string;
  generated_timestamp: number;
}

export interface ZendeskAccount {
  readonly subdomainUrl: string;
  readonly organizations: ZdOrganization[];
  readonly users: ZdUser[];
  readonly groups: ZdGroup[];
  readonly tickets: ZdTicket[];
  readonly comments: Map<number, ZdComment[]>;
  /** Attachment bytes by token (the last path part of `content_url`). */
  readonly files: Map<string, { content: Uint8Array; contentType: string; name: string }>;
}

/** mulberry32: small, fast, deterministic. */
const random = (seed: number) => {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

const BASE = Date.parse('2024-01-01T08:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** Agents of the account; the first two exist in the demo organisation (matched by email). */
export const ZD_AGENTS = [
  { id: 9001, name: 'Alice Agent', email: 'alice@demo.local', role: 'agent' as const },
  { id: 9002, name: 'Bob Agent', email: 'bob@demo.local', role: 'agent' as const },
  { id: 9003, name: 'Fran Former', email: 'fran@old-helpdesk.example', role: 'admin' as const },
];
/** The end user without an email address: her ticket is refused with a reason. */
export const ZD_PHONE_ONLY_USER = 8999;

const SUBJECTS = ['VPN drops every hour', 'Printer offline', 'Cannot log in', 'Invoice question', 'Laptop slow'];
const STATUSES: ZdTicket['status'][] = ['new', 'open', 'pending', 'hold', 'solved', 'closed', 'closed', 'solved'];
const PRIORITIES: ZdTicket['priority'][] = ['urgent', 'high', 'normal', 'normal', 'low', null];
const TYPES: ZdTicket['type'][] = ['incident', 'problem', 'question', 'task', null];

export function generateAccount(options: { tickets: number; seed?: number; url: string }): ZendeskAccount {
  const rnd = random(options.seed ?? 20);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)] as T;
  const url = options.url;
  const organizations: ZdOrganization[] = ['Northwind Traders', 'Contoso', 'Fabrikam'].map((name, i) => ({
    id: 500 + i,
    url: `${url}/api/v2/organizations/${500 + i}.json`,
    name,
    domain_names: [`${name.toLowerCase().replace(/[^a-z]/g, '')}.example`],
    notes: i === 0 ? 'Key account' : null,
    details: null,
    created_at: iso(BASE),
    updated_at: iso(BASE),
  }));
  const groups: ZdGroup[] = ['Support', 'Network', 'Billing'].map((name, i) => ({
    id: 700 + i,
    url: `${url}/api/v2/groups/${700 + i}.json`,
    name,
    deleted: false,
    created_at: iso(BASE),
    updated_at: iso(BASE),
  }));
  const users: ZdUser[] = ZD_AGENTS.map((a) => ({
    ...a,
    url: `${url}/api/v2/users/${a.id}.json`,
    organization_id: null,
    phone: null,
    active: true,
    created_at: iso(BASE),
    updated_at: iso(BASE),
  }));
  const endUsers = Math.max(5, Math.ceil(options.tickets / 4));
  for (let i = 0; i < endUsers; i++) {
    const org = organizations[i % 4];
    const domain = org ? org.domain_names[0] : 'mail.example';
    users.push({
      id: 10_000 + i,
      url: `${url}/api/v2/users/${10_000 + i}.json`,
      name: `Customer ${i}`,
      email: `customer${i}@${domain}`,
      role: 'end-user',
      organization_id: org?.id ?? null,
      phone: null,
      active: true,
      created_at: iso(BASE),
      updated_at: iso(BASE),
    });
  }
  users.push({
    id: ZD_PHONE_ONLY_USER,
    url: `${url}/api/v2/users/${ZD_PHONE_ONLY_USER}.json`,
    name: 'Phone Only',
    email: null,
    role: 'end-user',
    organization_id: null,
    phone: '+15550100',
    active: true,
    created_at: iso(BASE),
    updated_at: iso(BASE),
  });

  const tickets: ZdTicket[] = [];
  const comments = new Map<number, ZdComment[]>();
  const files = new Map<string, { content: Uint8Array; contentType: string; name: string }>();
  let commentId = 1_000_000;
  for (let n = 0; n < options.tickets; n++) {
    const id = 1 + n;
    const created = BASE + n * 3_600_000;
    // The fifth ticket belongs to the phone-only caller (taken down by phone): refused on import.
    const requester = n === 4 ? (users.at(-1) as ZdUser) : (users[ZD_AGENTS.length + (n % endUsers)] as ZdUser);
    const assignee = n % 7 === 3 ? null : (pick(ZD_AGENTS) as (typeof ZD_AGENTS)[number]);
    const subject = `${pick(SUBJECTS)} #${id}`;
    const list: ZdComment[] = [];
    const count = 1 + Math.floor(rnd() * 6);
    let at = created;
    for (let c = 0; c < count; c++) {
      const fromCustomer = c === 0 || rnd() < 0.45 || assignee === null;
      const internal = !fromCustomer && rnd() < 0.3;
      const author = fromCustomer ? requester.id : (assignee?.id ?? ZD_AGENTS[0]?.id ?? 0);
      const body = c === 0 ? `Hello, ${subject.toLowerCase()}. Please help.` : `Message ${c + 1} on ticket ${id}`;
      const attachments: ZdAttachment[] = [];
      if (c === 0 && n % 5 === 0) {
        const token = `tok${id}x${c}`;
        const content = new Uint8Array(256 + (n % 64)).map((_, i) => (i * 31 + n) & 0xff);
        files.set(token, { content, contentType: 'application/pdf', name: `report-${id}.pdf` });
        attachments.push({
          id: 400_000 + id,
          file_name: `report-${id}.pdf`,
          content_url: `${url}/attachments/token/${token}/?name=report-${id}.pdf`,
          content_type: 'application/pdf',
          size: content.byteLength,
          inline: false,
          thumbnails: [],
        });
      }
      const viaMail = requester.email !== null && !internal;
      list.push({
        id: commentId++,
        type: 'Comment',
        author_id: author,
        body,
        html_body: `<div class="zd-comment"><p>${body}</p></div>`,
        plain_body: body,
        public: !internal,
        attachments,
        audit_id: commentId + 500_000,
        via: {
          channel: viaMail ? 'email' : 'web',
          source: {
            from: fromCustomer && viaMail ? { address: requester.email, name: requester.name } : {},
            to: viaMail ? { address: 'support@acme.zendesk.com', name: 'Acme Support' } : {},
            rel: null,
          },
        },
        metadata: {
          system: {
            client: 'Mozilla/5.0',
            ip_address: '203.0.113.7',
            ...(viaMail
              ? { message_id: `<zd-${id}-${c}@${fromCustomer ? 'customer.example' : 'acme.zendesk.com'}>` }
              : {}),
          },
          custom: {},
        },
        created_at: iso(at),
      });
      at += 1_800_000 + Math.floor(rnd() * 3_600_000);
    }
    comments.set(id, list);
    tickets.push({
      id,
      url: `${url}/api/v2/tickets/${id}.json`,
      external_id: null,
      type: pick(TYPES),
      subject,
      raw_subject: subject,
      description: (list[0] as ZdComment).body,
      priority: pick(PRIORITIES),
      status: n === 7 ? 'deleted' : pick(STATUSES),
      requester_id: requester.id,
      submitter_id: requester.id,
      assignee_id: assignee?.id ?? null,
      organization_id: requester.organization_id,
      group_id: n % 4 === 3 ? null : ((groups[n % groups.length] as ZdGroup).id ?? null),
      tags: n % 3 === 0 ? ['vpn', 'legacy_system'] : ['printer'],
      via: { channel: (list[0] as ZdComment).via.channel, source: {} },
      created_at: iso(created),
      updated_at: iso(at),
      generated_timestamp: Math.floor(at / 1000),
    });
  }
  // The incremental export returns tickets in update order.
  tickets.sort((a, b) => a.generated_timestamp - b.generated_timestamp || a.id - b.id);
  return { subdomainUrl: url, organizations, users, groups, tickets, comments, files };
}
