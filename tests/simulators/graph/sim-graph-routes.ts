/**
 * The subset of the Graph v1.0 REST API the product uses, answered from the simulator's state:
 * messages (get with $select, $value, list, attachments), inbox delta with paging, reply /
 * createReply + send / sendMail, and subscriptions (create with validation, renew, delete, list).
 */
import type { SimMailStore, SimMessage, SimRecipient } from './sim-mail-model.js';
import { graphId } from './sim-mail-model.js';
import { type SimSubscription, SubscriptionBook } from './sim-subscriptions.js';

export interface SimRequest {
  readonly method: string;
  /** Path after the version segment, decoded per segment, e.g. ['users', 'a@b', 'messages', 'id']. */
  readonly segments: readonly string[];
  readonly query: URLSearchParams;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: Buffer;
}

export interface SimResponse {
  readonly status: number;
  readonly headers?: Record<string, string>;
  readonly body?: unknown;
}

export interface RouteContext {
  readonly mail: SimMailStore;
  readonly subscriptions: SubscriptionBook;
  /** The simulator's base URL with version, for nextLink/deltaLink. */
  readonly baseUrl: string;
  readonly now: () => Date;
  readonly defaultPageSize: number;
  deltaTokensExpired: boolean;
}

export const graphError = (status: number, code: string, message: string): SimResponse => ({
  status,
  body: { error: { code, message, innerError: { 'request-id': graphId('req') } } },
});

const json = (status: number, body: unknown): SimResponse => ({ status, body });
const parse = (req: SimRequest): Record<string, unknown> =>
  req.body.length ? JSON.parse(req.body.toString('utf8')) : {};
const addresses = (list: readonly SimRecipient[]) => list.map((r) => r.emailAddress.address);

const view = (m: SimMessage, select: string | null) => {
  const full: Record<string, unknown> = {
    id: m.id,
    receivedDateTime: m.receivedDateTime,
    internetMessageId: m.internetMessageId,
    conversationId: m.conversationId,
    subject: m.subject,
    from: m.from,
    toRecipients: m.toRecipients,
    ccRecipients: m.ccRecipients,
    body: m.body,
    isDraft: m.folder === 'drafts',
    hasAttachments: m.attachments.length > 0,
  };
  if (!select) return full;
  const wanted = new Set(['id', ...select.split(',').map((s) => s.trim())]);
  // Like Graph, internetMessageHeaders come only when selected.
  const all = { ...full, internetMessageHeaders: m.internetMessageHeaders };
  return Object.fromEntries(Object.entries(all).filter(([k]) => wanted.has(k)));
};

function pageSize(req: SimRequest, fallback: number): number {
  const prefer = String(req.headers.prefer ?? '');
  const match = /odata\.maxpagesize=(\d+)/.exec(prefer);
  return Math.max(1, Number(req.query.get('$top') ?? match?.[1] ?? fallback));
}

function delta(ctx: RouteContext, req: SimRequest, mailbox: string): SimResponse {
  const skip = req.query.get('$skiptoken');
  const deltaToken = req.query.get('$deltatoken');
  if (deltaToken && ctx.deltaTokensExpired)
    return graphError(410, 'SyncStateNotFound', 'The sync state is not found (resync required).');
  let after = 0;
  let until = ctx.mail.lastSeq;
  if (skip)
    ({ after, until } = JSON.parse(Buffer.from(skip, 'base64url').toString('utf8')) as {
      after: number;
      until: number;
    });
  else if (deltaToken) after = Number(deltaToken);
  const changed = [...ctx.mail.messages.values()]
    .filter(
      (m) =>
        m.mailbox === mailbox &&
        m.folder === 'inbox' &&
        m.seq > after &&
        m.seq <= until &&
        (!m.removed || deltaToken || skip),
    )
    .sort((a, b) => a.seq - b.seq);
  const size = pageSize(req, ctx.defaultPageSize);
  const page = changed.slice(0, size);
  const link = `${ctx.baseUrl}/users/${encodeURIComponent(mailbox)}/mailFolders/inbox/messages/delta`;
  const value = page.map((m) =>
    m.removed ? { id: m.id, '@removed': { reason: 'deleted' } } : view(m, req.query.get('$select')),
  );
  if (changed.length > size) {
    const token = Buffer.from(JSON.stringify({ after: page[page.length - 1]?.seq ?? after, until })).toString(
      'base64url',
    );
    return json(200, { value, '@odata.nextLink': `${link}?$skiptoken=${token}` });
  }
  return json(200, { value, '@odata.deltaLink': `${link}?$deltatoken=${until}` });
}

function list(ctx: RouteContext, req: SimRequest, mailbox: string): SimResponse {
  const all = [...ctx.mail.messages.values()]
    .filter((m) => m.mailbox === mailbox && !m.removed && m.folder === 'inbox')
    .sort((a, b) => b.seq - a.seq);
  const skip = Number(req.query.get('$skip') ?? '0');
  const size = pageSize(req, ctx.defaultPageSize);
  const value = all.slice(skip, skip + size).map((m) => view(m, req.query.get('$select')));
  const next =
    skip + size < all.length
      ? `${ctx.baseUrl}/users/${encodeURIComponent(mailbox)}/messages?$skip=${skip + size}&$top=${size}`
      : undefined;
  return json(200, { value, ...(next ? { '@odata.nextLink': next } : {}) });
}

interface MessageInput {
  subject?: string;
  body?: SimMessage['body'];
  toRecipients?: SimRecipient[];
  ccRecipients?: SimRecipient[];
  internetMessageHeaders?: { name: string; value: string }[];
  internetMessageId?: string;
  attachments?: { name: string; contentType: string; contentBytes: string }[];
}

/** A draft in `mailbox`: a reply to `original` (Exchange fills subject, recipient, conversation) or a new message. */
function draft(
  ctx: RouteContext,
  mailbox: string,
  original: SimMessage | null,
  request: Record<string, unknown>,
): SimMessage {
  const input = (request.message ?? {}) as MessageInput;
  const message: SimMessage = {
    id: graphId(),
    mailbox,
    folder: 'drafts',
    seq: ctx.mail.nextSeq(),
    removed: false,
    receivedDateTime: ctx.now().toISOString(),
    // Exchange keeps a caller-set internetMessageId; otherwise it makes one.
    internetMessageId: input.internetMessageId ?? `<${graphId('sim')}@graph.sim>`,
    conversationId: original?.conversationId ?? graphId('AAQkAD'),
    subject: input.subject ?? (original ? `RE: ${original.subject}` : ''),
    from: { emailAddress: { address: mailbox } },
    toRecipients: input.toRecipients ?? (original?.from ? [original.from] : []),
    ccRecipients: input.ccRecipients ?? [],
    body: input.body ?? { contentType: 'Text', content: String(request.comment ?? '') },
    internetMessageHeaders: input.internetMessageHeaders ?? [],
    attachments: (input.attachments ?? []).map((a) => ({
      ...a,
      id: graphId('AAMkAtt'),
      size: Buffer.from(a.contentBytes, 'base64').length,
    })),
    raw: null,
    replyToId: original?.id ?? null,
  };
  ctx.mail.messages.set(message.id, message);
  return message;
}

function recordSent(ctx: RouteContext, via: 'reply' | 'createReply' | 'sendMail', m: SimMessage): void {
  const original = m.replyToId ? ctx.mail.messages.get(m.replyToId) : undefined;
  m.folder = 'sentitems';
  ctx.mail.sent.push({
    via,
    mailbox: m.mailbox,
    replyToId: m.replyToId,
    inReplyTo: original?.internetMessageId ?? null,
    conversationId: m.conversationId,
    internetMessageId: m.internetMessageId,
    subject: m.subject,
    to: addresses(m.toRecipients),
    cc: addresses(m.ccRecipients),
    body: m.body,
    headers: Object.fromEntries(m.internetMessageHeaders.map((h) => [h.name.toLowerCase(), h.value])),
    attachments: m.attachments.map((a) => ({ name: a.name, contentType: a.contentType, size: a.size })),
    at: ctx.now().toISOString(),
  });
}

function badHeaders(body: Record<string, unknown>): SimResponse | undefined {
  const message = (body.message ?? {}) as { internetMessageHeaders?: { name: string }[] };
  const bad = (message.internetMessageHeaders ?? []).find((h) => !/^x-/i.test(h.name));
  return bad
    ? graphError(
        400,
        'InvalidInternetMessageHeader',
        `The internet message header name '${bad.name}' should start with 'x-' or 'X-'.`,
      )
    : undefined;
}

async function users(ctx: RouteContext, req: SimRequest): Promise<SimResponse> {
  const [, rawMailbox, collection, id, action, sub] = req.segments;
  const mailbox = (rawMailbox ?? '').toLowerCase();
  const m = req.method;
  if (collection === 'sendMail' && m === 'POST') {
    const body = parse(req);
    const refused = badHeaders(body);
    if (refused) return refused;
    const created = draft(ctx, mailbox, null, body);
    recordSent(ctx, 'sendMail', created);
    return { status: 202 };
  }
  if (
    collection === 'mailFolders' &&
    /^(inbox|\('inbox'\))$/i.test(id ?? '') &&
    action === 'messages' &&
    sub === 'delta' &&
    m === 'GET'
  )
    return delta(ctx, req, mailbox);
  if (collection !== 'messages') return graphError(400, 'BadRequest', `Unsupported segment '${collection}'`);
  if (!id) return m === 'GET' ? list(ctx, req, mailbox) : graphError(405, 'MethodNotAllowed', 'Not supported');
  const message = ctx.mail.find(mailbox, id);
  if (!message) return graphError(404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
  if (!action && m === 'GET') return json(200, view(message, req.query.get('$select')));
  if (action === '$value' && m === 'GET')
    return message.raw
      ? { status: 200, headers: { 'content-type': 'text/plain' }, body: message.raw }
      : graphError(404, 'ErrorItemNotFound', 'No MIME');
  if (action === 'attachments' && m === 'GET') return json(200, { value: message.attachments });
  if (action === 'attachments' && m === 'POST') {
    if (message.folder !== 'drafts') return graphError(403, 'ErrorAccessDenied', 'Only drafts take attachments');
    const a = parse(req) as { name: string; contentType: string; contentBytes: string };
    const attachment = {
      id: graphId('AAMkAtt'),
      name: a.name,
      contentType: a.contentType,
      contentBytes: a.contentBytes,
      size: Buffer.from(a.contentBytes, 'base64').length,
    };
    message.attachments.push(attachment);
    return json(201, attachment);
  }
  if ((action === 'reply' || action === 'createReply') && m === 'POST') {
    const body = parse(req);
    const refused = badHeaders(body);
    if (refused) return refused;
    const reply = draft(ctx, mailbox, message, body);
    if (action === 'createReply') return json(201, view(reply, null));
    recordSent(ctx, 'reply', reply);
    return { status: 202 };
  }
  if (action === 'send' && m === 'POST') {
    if (message.folder !== 'drafts') return graphError(400, 'ErrorInvalidRequest', 'Only drafts can be sent');
    recordSent(ctx, 'createReply', message);
    return { status: 202 };
  }
  return graphError(405, 'MethodNotAllowed', `${m} ${req.segments.join('/')} is not simulated`);
}

export async function routeGraph(
  ctx: RouteContext,
  req: SimRequest,
  validate: (s: SimSubscription) => Promise<string | null>,
): Promise<SimResponse> {
  const [root, id] = req.segments;
  if (root === 'users') return users(ctx, req);
  if (root === 'subscriptions') {
    if (req.method === 'GET' && !id) return json(200, { value: ctx.subscriptions.list() });
    if (req.method === 'POST' && !id) {
      const created = ctx.subscriptions.create(parse(req), ctx.now());
      if ('error' in created) return graphError(400, 'InvalidRequest', created.error);
      const refusal = await validate(created);
      if (refusal) {
        ctx.subscriptions.remove(created.id);
        return graphError(400, 'ValidationError', refusal);
      }
      return json(201, created);
    }
    if (!id || !ctx.subscriptions.get(id)) return graphError(404, 'ResourceNotFound', 'The object was not found.');
    if (req.method === 'PATCH')
      return json(200, ctx.subscriptions.renew(id, String(parse(req).expirationDateTime ?? ''), ctx.now()));
    if (req.method === 'DELETE') {
      ctx.subscriptions.remove(id);
      return { status: 204 };
    }
  }
  return graphError(400, 'BadRequest', `Unsupported path /${req.segments.join('/')}`);
}

export { SubscriptionBook };
