/**
 * The seeded desk of the search benchmark: tickets with three mails each (the customer's first
 * mail, the agent's reply, the customer's answer), deterministic from the ticket's number. Words
 * follow a Zipf-like spread over about 150 IT words and 20,000 made-up ones, so a query for a
 * common word matches a large share of the desk and a rare one a handful, as on a real desk;
 * 50,000 requesters at 2,000 company domains.
 */
import type { StoredDocument } from '../../shared/ports/document-store.js';
import type { TicketStatus } from '../../shared/tickets/ticket-status.js';
import type { TicketSnapshot } from '../../shared/tickets/ticket-types.js';
import { entryId, type TimelineEntry } from '../../shared/timeline/timeline-entry.js';
import { seededRandom } from '../resilience/crash-host.js';

const IT_WORDS = (
  'printer toner paper jam scanner laptop desktop monitor keyboard mouse docking station battery charger ' +
  'password reset account locked login mfa token vpn tunnel wifi network switch router firewall proxy dns ' +
  'email outlook mailbox calendar meeting teams sharepoint onedrive license install update upgrade patch ' +
  'driver crash freeze slow error warning disk full backup restore server database query timeout latency ' +
  'access permission folder share drive badge phone headset camera microphone audio video screen display ' +
  'projector cable adapter port usb bluetooth certificate expired browser chrome edge firefox java excel ' +
  'word powerpoint pdf invoice order ticket request incident outage degraded urgent blocked onboarding ' +
  'offboarding laptop replacement hardware software application portal sap erp crm payroll report dashboard ' +
  'sync cloud tenant azure storage quota archive delete recover synchronisation migration rollout pilot'
).split(/\s+/);

const SYLLABLES = 'ka lo mi ne ru ta vi zo pe qu ba da fe gi ho ju ly mo ni ox pu ri se tu ve wa xe yo zu'.split(' ');

const made = (i: number): string => {
  let w = '';
  let n = i + 7;
  for (let k = 0; k < 3 + (i % 3); k++) {
    w += SYLLABLES[n % SYLLABLES.length];
    n = Math.floor(n / SYLLABLES.length) + k * 13;
  }
  return w;
};

/** The vocabulary, most frequent first: the IT words, then made-up ones (the long tail). */
export const VOCABULARY: readonly string[] = [...IT_WORDS, ...Array.from({ length: 20_000 }, (_, i) => made(i))];

/** Rank r drawn with probability ~ 1/(r+1): a few words everywhere, most words rare. */
const zipf = (random: () => number): string => {
  const r = Math.floor(Math.exp(random() * Math.log(VOCABULARY.length + 1))) - 1;
  return VOCABULARY[Math.min(VOCABULARY.length - 1, Math.max(0, r))] as string;
};

const FIRST =
  'Anna Ben Carla Dmitri Elif Femi Greta Hiro Ines Jonas Kira Luca Maya Nils Omar Priya Quinn Rosa Sven Tara Uma Viktor Wen Xenia Yusuf Zoe'.split(
    ' ',
  );
const LAST =
  'Jones Meyer Novak Okafor Petrov Quist Rossi Sato Tanaka Ulrich Varga Weber Xu Young Zimmer Achebe Berg Costa Dubois Eriksen Fischer Garcia Haddad Ivanova Kowalski Larsen'.split(
    ' ',
  );

export interface SeededTicket {
  readonly ticket: TicketSnapshot;
  readonly entries: TimelineEntry[];
}

/** The requester of ticket i: one of 50,000 people at one of 2,000 companies. */
export function requesterOf(i: number): { name: string; email: string } {
  const p = (i * 7919) % 50_000;
  const first = FIRST[p % FIRST.length] as string;
  const last = LAST[Math.floor(p / FIRST.length) % LAST.length] as string;
  const person = Math.floor(p / (FIRST.length * LAST.length));
  return {
    name: `${first} ${last}`,
    email: `${first.toLowerCase()}.${last.toLowerCase()}${person}@company${p % 2_000}.example`,
  };
}

const sentence = (random: () => number, words: number): string => {
  const out: string[] = [];
  for (let k = 0; k < words; k++) out.push(zipf(random));
  return out.join(' ');
};

const STATUSES: readonly TicketStatus[] = ['new', 'open', 'open', 'pending', 'resolved', 'closed'];

export const numberOf = (i: number): string => `INC-${100_000 + i}`;

/**
 * Ticket i shaped from a template snapshot (one created through the domain): its own id, number,
 * texts, requester, status, owner and times, and its four timeline entries.
 */
export function seededTicket(template: TicketSnapshot, i: number, id: string): SeededTicket {
  const random = seededRandom(i + 1);
  const createdAt = new Date(Date.UTC(2024, 0, 1) + i * 45_000).toISOString();
  const updatedAt = new Date(Date.UTC(2024, 0, 1) + i * 45_000 + 3_600_000).toISOString();
  const status = STATUSES[i % STATUSES.length] as TicketStatus;
  const requester = requesterOf(i);
  const title = `${sentence(random, 3)} ${zipf(random)} ${i % 7 === 0 ? 'paper jam' : sentence(random, 2)}`;
  const ticket: TicketSnapshot = {
    ...template,
    id,
    ticketId: id,
    number: numberOf(i),
    title,
    description: sentence(random, 25),
    requester,
    status,
    ownerId: status === 'new' || (status === 'open' && i % 3 === 0) ? null : 'ag_alice',
    teamId: i % 2 ? 'service-desk' : 'network',
    createdAt,
    updatedAt,
    lastSeq: 4,
  };
  const agent = { kind: 'agent', agentId: 'ag_alice' } as const;
  const customer = { kind: 'customer', email: requester.email } as const;
  const mail = (seq: number, kind: 'email_in' | 'email_out', body: string): TimelineEntry => ({
    id: entryId(id, seq),
    ticketId: id,
    docType: 'entry',
    seq,
    kind,
    at: new Date(Date.parse(createdAt) + seq * 600_000).toISOString(),
    author: kind === 'email_in' ? customer : agent,
    visibility: 'public',
    body,
    assistId: null,
    data: {
      email: {
        subject: `${seq === 2 ? '' : 'RE: '}${title}`,
        messageId: `<${id}-${seq}@bench.example>`,
        from: kind === 'email_in' ? requester.email : 'support@demo.local',
      },
    },
  });
  const entries: TimelineEntry[] = [
    {
      id: entryId(id, 1),
      ticketId: id,
      docType: 'entry',
      seq: 1,
      kind: 'ticket_created',
      at: createdAt,
      author: agent,
      visibility: 'internal',
      body: null,
      assistId: null,
      data: {},
    },
    mail(2, 'email_in', `Hello, ${sentence(random, 40)}. Regards, ${requester.name}`),
    mail(3, 'email_out', `Hi ${requester.name.split(' ')[0]}, ${sentence(random, 30)}. Kind regards, Service Desk`),
    mail(4, 'email_in', `Thanks, ${sentence(random, 20)}${i % 11 === 0 ? ' the paper jam is back' : ''}.`),
  ];
  return { ticket, entries };
}

export const stored = (doc: TicketSnapshot | TimelineEntry): StoredDocument => doc as unknown as StoredDocument;

/** Words of several frequencies the queries use: common IT words, mid and rare made-up ones. */
export const QUERY_WORDS = {
  common: IT_WORDS.slice(0, 6),
  mid: VOCABULARY.slice(400, 406),
  rare: VOCABULARY.slice(15_000, 15_006),
};
