/**
 * A Zammad simulator for tests and `ZAMMAD_PROVIDER=zammad-sim`: a node:http server speaking the
 * parts of Zammad's REST API (v1) the importer reads, in its wire format: token auth
 * (`Authorization: Token token=...`), page/per_page listings returned as plain arrays (the last
 * page is shorter), `expand=true` names (state, priority, group, roles), articles by ticket with
 * HTML or plain bodies, Message-IDs and attachments (`preferences['Content-Type']`), attachment
 * downloads, ticket tags, and 429 with Retry-After when faults are injected. The history is the
 * generated account of the Zendesk simulator (zendesk-history.ts) in Zammad's shapes.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateAccount, type ZendeskAccount } from '../zendesk/zendesk-history.js';

export interface ZammadSimulator {
  readonly url: string;
  readonly token: string;
  /** The generated history (Zendesk shapes; the simulator serves it as Zammad does). */
  readonly account: ZendeskAccount;
  readonly requests: { path: string; status: number }[];
  failNext(count: number, status: 429 | 503, retryAfterSeconds?: number): void;
  close(): Promise<void>;
}

const STATES: Record<string, string> = {
  new: 'new',
  open: 'open',
  pending: 'pending reminder',
  hold: 'pending reminder',
  solved: 'closed',
  closed: 'closed',
};
const PRIORITIES: Record<string, string> = { urgent: '3 high', high: '3 high', normal: '2 normal', low: '1 low' };

export async function startZammadSimulator(
  options: { tickets?: number; token?: string } = {},
): Promise<ZammadSimulator> {
  const token = options.token ?? 'zammad-sim-token';
  const requests: { path: string; status: number }[] = [];
  const faults: { status: number; retryAfter: number }[] = [];
  let account: ZendeskAccount | null = null;
  const acc = () => account as ZendeskAccount;

  const page = <T>(items: readonly T[], q: URLSearchParams): T[] => {
    const per = Math.min(500, Math.max(1, Number(q.get('per_page') ?? 100)));
    const n = Math.max(1, Number(q.get('page') ?? 1));
    return items.slice((n - 1) * per, n * per);
  };
  const roleOf = (role: string) => (role === 'admin' ? 'Admin' : role === 'agent' ? 'Agent' : 'Customer');

  const answer = (
    path: string,
    q: URLSearchParams,
  ): { status: number; body: unknown; raw?: Uint8Array; type?: string } => {
    const a = acc();
    if (path === '/api/v1/organizations')
      return {
        status: 200,
        body: page(a.organizations, q).map((o) => ({
          id: o.id,
          name: o.name,
          domain: o.domain_names[0] ?? '',
          domain_assignment: true,
          note: o.notes ?? '',
          active: true,
        })),
      };
    if (path === '/api/v1/groups')
      return { status: 200, body: page(a.groups, q).map((g) => ({ id: g.id, name: g.name, active: true })) };
    if (path === '/api/v1/users')
      return {
        status: 200,
        body: page(a.users, q).map((u) => {
          const [firstname, ...rest] = u.name.split(' ');
          return {
            id: u.id,
            login: u.email ?? `user${u.id}`,
            firstname,
            lastname: rest.join(' '),
            email: u.email ?? '',
            phone: u.phone ?? '',
            organization_id: u.organization_id,
            active: u.active,
            role_ids: [u.role === 'admin' ? 1 : u.role === 'agent' ? 2 : 3],
            ...(q.get('expand') === 'true' ? { roles: [roleOf(u.role)] } : {}),
          };
        }),
      };
    if (path === '/api/v1/tickets') {
      const live = [...a.tickets].filter((t) => t.status !== 'deleted').sort((x, y) => x.id - y.id);
      return {
        status: 200,
        body: page(live, q).map((t) => ({
          id: t.id,
          number: String(31000 + t.id),
          title: t.subject,
          group_id: t.group_id ?? 1,
          state_id: 1,
          priority_id: 2,
          customer_id: t.requester_id,
          owner_id: t.assignee_id ?? 1,
          organization_id: t.organization_id,
          created_at: t.created_at,
          updated_at: t.updated_at,
          ...(q.get('expand') === 'true'
            ? {
                state: STATES[t.status] ?? 'open',
                priority: PRIORITIES[t.priority ?? 'normal'] ?? '2 normal',
                group: a.groups.find((g) => g.id === t.group_id)?.name ?? 'Users',
                owner: t.assignee_id ? String(t.assignee_id) : '-',
              }
            : {}),
        })),
      };
    }
    const tags = path === '/api/v1/tags' ? Number(q.get('o_id')) : null;
    if (tags !== null) return { status: 200, body: { tags: a.tickets.find((t) => t.id === tags)?.tags ?? [] } };
    const byTicket = /^\/api\/v1\/ticket_articles\/by_ticket\/(\d+)$/.exec(path);
    if (byTicket) {
      const id = Number(byTicket[1]);
      const ticket = a.tickets.find((t) => t.id === id);
      const comments = a.comments.get(id);
      if (!ticket || !comments) return { status: 404, body: { error: 'Not authorized' } };
      return {
        status: 200,
        body: comments.map((c, i) => {
          const customer = c.author_id === ticket.requester_id;
          return {
            id: c.id,
            ticket_id: id,
            from: customer ? String(c.via.source.from.address ?? '') : 'Support <support@acme.example>',
            to: '',
            cc: '',
            subject: ticket.subject,
            // Every other article in HTML, as Zammad stores mail.
            body: i % 2 === 0 ? c.plain_body : c.html_body,
            content_type: i % 2 === 0 ? 'text/plain' : 'text/html',
            message_id: (c.metadata.system.message_id as string | undefined) ?? null,
            internal: !c.public,
            sender: customer ? 'Customer' : 'Agent',
            type: c.public ? c.via.channel : 'note',
            created_by_id: c.author_id,
            created_at: c.created_at,
            attachments: c.attachments.map((f) => ({
              id: f.id,
              filename: f.file_name,
              size: String(f.size),
              preferences: { 'Content-Type': f.content_type },
            })),
          };
        }),
      };
    }
    const file = /^\/api\/v1\/ticket_attachment\/(\d+)\/(\d+)\/(\d+)$/.exec(path);
    if (file) {
      const ticketId = Number(file[1]);
      const att = a.comments
        .get(ticketId)
        ?.flatMap((c) => (String(c.id) === file[2] ? c.attachments : []))
        .find((f) => String(f.id) === file[3]);
      const tokenOf = att ? /token\/([^/]+)\//.exec(att.content_url)?.[1] : undefined;
      const bytes = tokenOf ? a.files.get(tokenOf) : undefined;
      if (!bytes) return { status: 404, body: { error: 'No such attachment' } };
      return { status: 200, body: null, raw: bytes.content, type: bytes.contentType };
    }
    return { status: 404, body: { error: 'No route matches' } };
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://sim');
    const record = (status: number) => requests.push({ path: `${url.pathname}${url.search}`, status });
    const fault = faults.shift();
    if (fault) {
      record(fault.status);
      res.writeHead(fault.status, { 'content-type': 'application/json', 'retry-after': String(fault.retryAfter) });
      return res.end(JSON.stringify({ error: 'injected' }));
    }
    if (req.headers.authorization !== `Token token=${token}`) {
      record(401);
      res.writeHead(401, { 'content-type': 'application/json' });
      return res.end(JSON.stringify({ error: 'Invalid token!' }));
    }
    const a = answer(url.pathname, url.searchParams);
    record(a.status);
    if (a.raw) {
      res.writeHead(200, { 'content-type': a.type ?? 'application/octet-stream' });
      return res.end(Buffer.from(a.raw));
    }
    res.writeHead(a.status, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(a.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  account = generateAccount({ tickets: options.tickets ?? 500, url });
  return {
    url,
    token,
    account,
    requests,
    failNext(count, status, retryAfterSeconds = 1) {
      for (let i = 0; i < count; i++) faults.push({ status, retryAfter: retryAfterSeconds });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
