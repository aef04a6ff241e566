/**
 * The known-error index (issue 17, ADR 0034): a second kind of document on the SearchIndex port
 * (ADR 0018), beside the tickets. Only PUBLISHED known errors are in it; their text (number,
 * error codes, title, symptoms, root cause, workaround) is searched with BM25 field weights, and
 * their CI and service ids are a tag field a query boosts by. The indexer follows the known
 * errors' events and writes the truth it reads from the store (published: the document whole;
 * anything else or gone: removed), so redelivered or reordered events are harmless.
 */
import { type DomainEvent, KNOWN_ERROR_EVENT_TYPES, type KnownErrorEvent } from '../events/domain-event.js';
import type { EventSubscriber } from '../events/event-dispatcher.js';
import type { IndexedDocument, SearchIndex, SearchSchema } from '../ports/search-index.js';
import { indexText } from '../search/search-text.js';
import type { KnownErrorSnapshot } from './known-error.js';
import type { KnownErrorRepository } from './known-error-repository.js';

export const KNOWN_ERROR_SEARCH_SCHEMA: SearchSchema = {
  name: 'knownerrors',
  searchable: [
    { name: 'number', weight: 6 },
    { name: 'errorCodes', weight: 5 },
    { name: 'title', weight: 4 },
    { name: 'symptoms', weight: 2 },
    { name: 'rootCause', weight: 1 },
    { name: 'workaround', weight: 1 },
  ],
  filterable: [
    { name: 'publishedAt', type: 'date' },
    { name: 'problemId', type: 'string' },
  ],
  recency: 'publishedAt',
  // Same CI or service as the incident: twice the score.
  tags: [{ name: 'scope', boost: 2 }],
};

/** The longest text kept per field (a known error is a page, not a manual). */
const MAX_FIELD = 20_000;

export function knownErrorSearchDocument(ke: KnownErrorSnapshot): IndexedDocument {
  return {
    id: ke.id,
    text: {
      number: ke.number,
      errorCodes: ke.errorCodes.join(' '),
      title: indexText(ke.title, MAX_FIELD),
      symptoms: indexText(ke.symptoms, MAX_FIELD),
      rootCause: indexText(ke.rootCause, MAX_FIELD),
      workaround: indexText(ke.workaround, MAX_FIELD),
    },
    filters: { publishedAt: ke.publishedAt, problemId: ke.problemId },
    tags: { scope: [...ke.ciIds, ...ke.serviceIds] },
  };
}

const REBUILD_PAGE = 200;

export class KnownErrorIndexer implements EventSubscriber {
  readonly name = 'known-error-index';
  readonly practice = 'known_error' as const;
  // `used` only counts: nothing the index holds changes.
  readonly handles = KNOWN_ERROR_EVENT_TYPES.filter((t) => t !== 'known_error.used');

  constructor(
    private readonly knownErrors: KnownErrorRepository,
    private readonly index: SearchIndex,
  ) {}

  /** The dispatcher hands every practice's events over as its one type; this one takes only known errors'. */
  async handle(event: DomainEvent): Promise<void> {
    const { knownErrorId } = event as unknown as KnownErrorEvent;
    if (knownErrorId) await this.refresh(knownErrorId);
  }

  /** Writes what the store holds now: the published known error, or its absence. */
  async refresh(knownErrorId: string): Promise<void> {
    const found = await this.knownErrors.read(knownErrorId);
    if (found?.doc.status === 'published') await this.index.upsert([knownErrorSearchDocument(found.doc)]);
    else await this.index.remove([knownErrorId]);
  }

  /** Re-projects every published known error into an emptied index; returns how many. */
  async rebuild(): Promise<number> {
    await this.index.clear();
    let cursor: string | undefined;
    let written = 0;
    do {
      const page = await this.knownErrors.published(REBUILD_PAGE, cursor);
      await this.index.upsert(page.items.map((i) => knownErrorSearchDocument(i.doc)));
      written += page.items.length;
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return written;
  }
}
