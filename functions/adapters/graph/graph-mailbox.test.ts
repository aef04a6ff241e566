import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MessageGoneError, type OutboundMail } from '../../../shared/ports/mailbox.js';
import { type GraphSimulator, startGraphSimulator } from '../../../tests/simulators/graph/graph-simulator.js';
import { connectGraph, StaticTokenCredential } from './graph-client.js';
import { GraphMailbox, TICKET_HEADER } from './graph-mailbox.js';

const MBX = 'support@contoso.test';
const mime = (id: string, subject: string, extra = '') =>
  `From: Carla Customer <carla@customer.test>\r\nTo: ${MBX}\r\nSubject: ${subject}\r\nMessage-ID: <${id}>\r\n${extra}MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nHello, the printer is on fire.\r\n`;

const outbound = (over: Partial<OutboundMail> = {}): OutboundMail => ({
  messageId: '<t.INC-1042.sig@itil-next.test>',
  from: { address: MBX, name: 'Support' },
  to: [{ address: 'carla@customer.test', name: 'Carla' }],
  cc: [],
  subject: 'Re: Printer [INC-1042]',
  text: 'We are on it.',
  html: null,
  inReplyTo: null,
  references: [],
  headers: { 'X-ITIL-Ticket-Number': 'INC-1042', 'Auto-Submitted': 'auto-replied' },
  attachments: [],
  replyToProviderMessageId: null,
  ...over,
});

describe('GraphMailbox (against the Graph simulator over HTTP)', () => {
  let sim: GraphSimulator;
  let sleeps: number[];
  let mailbox: GraphMailbox;

  beforeAll(async () => {
    sim = await startGraphSimulator({ token: 'test-token' });
  });
  afterAll(() => sim.close());
  beforeEach(() => {
    sim.clearFaults();
    sleeps = [];
    const graph = connectGraph({
      baseUrl: sim.url,
      credential: new StaticTokenCredential('test-token'),
      retry: { sleep: async (ms) => void sleeps.push(ms), maxWaitMs: 10_000 },
    });
    mailbox = new GraphMailbox(graph.client, [MBX]);
  });

  it('fetches the raw MIME with conversationId and internetMessageId, sending the bearer token', async () => {
    const { message } = await sim.deliver(MBX, mime('fetch-1@customer.test', 'Printer'), 'drop');
    const fetched = await mailbox.fetch({ provider: 'graph', mailbox: MBX, providerMessageId: message.id });
    expect(Buffer.from(fetched.raw).toString()).toContain('Subject: Printer');
    expect(fetched.internetMessageId).toBe('<fetch-1@customer.test>');
    expect(fetched.conversationId).toBe(message.conversationId);
    expect(fetched.receivedAt).toBe(message.receivedDateTime);
    expect(sim.requests.slice(-2).every((r) => r.authorized)).toBe(true);
  });

  it('is refused by the simulator without the right token', async () => {
    const { message } = await sim.deliver(MBX, mime('fetch-2@customer.test', 'Printer'), 'drop');
    const wrong = new GraphMailbox(
      connectGraph({ baseUrl: sim.url, credential: new StaticTokenCredential('nope') }).client,
      [MBX],
    );
    await expect(wrong.fetch({ provider: 'graph', mailbox: MBX, providerMessageId: message.id })).rejects.toMatchObject(
      { statusCode: 401 },
    );
  });

  it('reports a deleted message as MessageGoneError', async () => {
    await expect(
      mailbox.fetch({ provider: 'graph', mailbox: MBX, providerMessageId: 'AAMkADgone=' }),
    ).rejects.toBeInstanceOf(MessageGoneError);
  });

  it('waits out Retry-After on 429 and 503, then succeeds', async () => {
    const { message } = await sim.deliver(MBX, mime('throttle-1@customer.test', 'Throttled'), 'drop');
    sim.inject({ status: 429, retryAfterSeconds: 3, pathIncludes: '$value' });
    sim.inject({ status: 503, retryAfterSeconds: 1, pathIncludes: '$value' });
    const fetched = await mailbox.fetch({ provider: 'graph', mailbox: MBX, providerMessageId: message.id });
    expect(fetched.internetMessageId).toBe('<throttle-1@customer.test>');
    expect(sleeps).toEqual([3_000, 1_000]);
  });

  it('backs off exponentially on 5xx without Retry-After and gives up after the last retry', async () => {
    const { message } = await sim.deliver(MBX, mime('throttle-2@customer.test', 'Flaky'), 'drop');
    sim.inject({ status: 502, times: 10, pathIncludes: '$value' });
    await expect(
      mailbox.fetch({ provider: 'graph', mailbox: MBX, providerMessageId: message.id }),
    ).rejects.toMatchObject({ statusCode: 502 });
    expect(sleeps).toEqual([500, 1_000, 2_000, 4_000]);
  });

  it('does not sit out a Retry-After longer than its budget (the queue retries later)', async () => {
    const { message } = await sim.deliver(MBX, mime('throttle-3@customer.test', 'Long'), 'drop');
    sim.inject({ status: 429, retryAfterSeconds: 600, pathIncludes: '$value' });
    await expect(
      mailbox.fetch({ provider: 'graph', mailbox: MBX, providerMessageId: message.id }),
    ).rejects.toMatchObject({ statusCode: 429 });
    expect(sleeps).toEqual([]);
  });

  it('replies in the Exchange thread with `reply` and carries our token in x-itil-ticket', async () => {
    const { message } = await sim.deliver(MBX, mime('reply-1@customer.test', 'Printer [INC-1042]'), 'drop');
    const result = await mailbox.send(outbound({ replyToProviderMessageId: message.id }));
    const sent = sim.sent().at(-1);
    expect(result.providerMessageId).toBeNull();
    expect(sent).toMatchObject({
      via: 'reply',
      inReplyTo: '<reply-1@customer.test>',
      conversationId: message.conversationId,
      subject: 'Re: Printer [INC-1042]',
    });
    expect(sent?.headers[TICKET_HEADER]).toBe('<t.INC-1042.sig@itil-next.test>');
    expect(sent?.headers['x-itil-ticket-number']).toBe('INC-1042');
    expect(Object.keys(sent?.headers ?? {})).not.toContain('auto-submitted'); // Graph refuses non x- headers
  });

  it('uses createReply + attachments + send when the reply has attachments', async () => {
    const { message } = await sim.deliver(MBX, mime('reply-2@customer.test', 'Logs please'), 'drop');
    await mailbox.send(
      outbound({
        replyToProviderMessageId: message.id,
        html: '<p>See attached</p>',
        cc: [{ address: 'boss@customer.test', name: '' }],
        attachments: [
          { filename: 'steps.txt', contentType: 'text/plain', content: new TextEncoder().encode('1. unplug') },
        ],
      }),
    );
    const sent = sim.sent().at(-1);
    expect(sent).toMatchObject({
      via: 'createReply',
      inReplyTo: '<reply-2@customer.test>',
      cc: ['boss@customer.test'],
      body: { contentType: 'HTML', content: '<p>See attached</p>' },
    });
    expect(sent?.attachments).toEqual([{ name: 'steps.txt', contentType: 'text/plain', size: 9 }]);
  });

  it('starts a new conversation with sendMail, asking Exchange to keep our Message-ID', async () => {
    await mailbox.send(outbound({ to: [{ address: 'new@customer.test', name: '' }] }));
    const sent = sim.sent().at(-1);
    expect(sent).toMatchObject({
      via: 'sendMail',
      inReplyTo: null,
      to: ['new@customer.test'],
      internetMessageId: '<t.INC-1042.sig@itil-next.test>',
    });
    expect(sent?.headers[TICKET_HEADER]).toBe('<t.INC-1042.sig@itil-next.test>');
  });
});
