/**
 * What the clustering timer reads (issue 17), on the DocumentStore port: the incidents created in
 * the window (paged through the tickets' `createdAt` index), which of their CIs are business
 * services (a point read per distinct CI), and the assists asked of expert teams in the window.
 */
import type { DocumentStore, StoredDocument } from '../ports/document-store.js';
import type { TicketSnapshot } from '../tickets/ticket-types.js';
import type { ClusterAssist, ClusterIncident } from './incident-clustering.js';
import type { ClusteringSource } from './problem-suggestions.js';

const PAGE = 500;
const SERVICE_CLASS = 'business_service';

async function* pages<T>(store: DocumentStore, container: 'tickets' | 'cis', docType: string, since: string) {
  let cursor: string | undefined;
  do {
    const page = await store.query<T & StoredDocument>(container, {
      where: [
        { field: 'docType', op: 'eq', value: docType },
        { field: 'createdAt', op: 'gte', value: since },
      ],
      limit: PAGE,
      ...(cursor ? { cursor } : {}),
    });
    yield page.items.map((i) => i.doc);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}

interface AssistDoc {
  readonly id: string;
  readonly ticketId: string;
  readonly ticketNumber: string;
  readonly expertTeamId: string | null;
  readonly createdAt: string;
}

export class StoreClusteringSource implements ClusteringSource {
  private incidents = new Map<string, ClusterIncident>();

  constructor(private readonly store: DocumentStore) {}

  async incidentsSince(since: string): Promise<ClusterIncident[]> {
    const tickets: TicketSnapshot[] = [];
    for await (const batch of pages<TicketSnapshot>(this.store, 'tickets', 'ticket', since))
      tickets.push(...batch.filter((t) => t.type === 'incident'));
    const ciIds = new Set(tickets.flatMap((t) => (t.affectedCis ?? []).map((c) => c.ciId)));
    const services = new Set<string>();
    for (const ciId of ciIds) {
      const ci = await this.store.read<{ ciClass?: string } & StoredDocument>('cis', ciId, ciId);
      if (ci?.doc.ciClass === SERVICE_CLASS) services.add(ciId);
    }
    const out = tickets.map((t): ClusterIncident => {
      const ids = (t.affectedCis ?? []).map((c) => c.ciId);
      return {
        id: t.id,
        number: t.number,
        title: t.title,
        createdAt: t.createdAt,
        ciIds: ids.filter((id) => !services.has(id)),
        serviceIds: ids.filter((id) => services.has(id)),
        linkedToProblem: (t.links ?? []).some((l) => l.practice === 'problem'),
      };
    });
    this.incidents = new Map(out.map((i) => [i.id, i]));
    return out;
  }

  /** Assists on the incidents just read (call `incidentsSince` first): their CIs are the incident's. */
  async assistsSince(since: string): Promise<ClusterAssist[]> {
    const out: ClusterAssist[] = [];
    for await (const batch of pages<AssistDoc>(this.store, 'tickets', 'assist', since))
      for (const a of batch) {
        const incident = this.incidents.get(a.ticketId);
        if (!incident || !a.expertTeamId) continue;
        out.push({
          id: a.id,
          ticketId: a.ticketId,
          ticketNumber: a.ticketNumber,
          expertTeamId: a.expertTeamId,
          ciIds: [...incident.ciIds, ...incident.serviceIds],
          createdAt: a.createdAt,
          linkedToProblem: incident.linkedToProblem,
        });
      }
    return out;
  }
}
