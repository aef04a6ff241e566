/**
 * Agents and teams on the DocumentStore (`directory` container, partitioned by kind).
 * The directory is small; listing reads one partition.
 */
import type { DocumentStore, StoredDocument } from '../ports/document-store.js';
import { type AgentSnapshot, DEFAULT_OFFER_MINUTES, type TeamSnapshot } from './agent.js';

type AgentDoc = AgentSnapshot & { readonly docType: 'agent'; readonly pk: 'agents' } & StoredDocument;
type TeamDoc = TeamSnapshot & { readonly docType: 'team'; readonly pk: 'teams' } & StoredDocument;

function strip(doc: AgentDoc): AgentSnapshot;
function strip(doc: TeamDoc): TeamSnapshot;
function strip(doc: AgentDoc | TeamDoc): AgentSnapshot | TeamSnapshot {
  const { docType: _docType, pk: _pk, ...rest } = doc;
  if (doc.docType === 'team') {
    // Team documents from before data migration 1 carry `autoAccept` and no offer time.
    const { autoAccept: _gone, ...team } = rest as TeamSnapshot & { autoAccept?: unknown };
    return { ...team, offerMinutes: team.offerMinutes ?? DEFAULT_OFFER_MINUTES } as TeamSnapshot;
  }
  return rest as unknown as AgentSnapshot;
}

/** A directory entry with the etag its next write must match. */
export interface WithEtag<T> {
  readonly doc: T;
  readonly etag: string;
}

export class DirectoryRepository {
  constructor(private readonly store: DocumentStore) {}

  async agent(id: string): Promise<AgentSnapshot | undefined> {
    const found = await this.store.read<AgentDoc>('directory', 'agents', id);
    return found ? strip(found.doc) : undefined;
  }

  async agentByEmail(email: string): Promise<AgentSnapshot | undefined> {
    const page = await this.store.query<AgentDoc>('directory', {
      partitionKey: 'agents',
      where: [
        { field: 'pk', op: 'eq', value: 'agents' },
        { field: 'email', op: 'eq', value: email.toLowerCase() },
      ],
      limit: 1,
    });
    const doc = page.items[0]?.doc;
    return doc ? strip(doc) : undefined;
  }

  async team(id: string): Promise<TeamSnapshot | undefined> {
    const found = await this.store.read<TeamDoc>('directory', 'teams', id);
    return found ? strip(found.doc) : undefined;
  }

  async agents(): Promise<AgentSnapshot[]> {
    return (await this.all<AgentDoc>('agents')).map((d) => strip(d));
  }

  async teams(): Promise<TeamSnapshot[]> {
    return (await this.all<TeamDoc>('teams')).map((d) => strip(d));
  }

  async saveAgent(agent: AgentSnapshot): Promise<void> {
    const doc: AgentDoc = { ...agent, email: agent.email.toLowerCase(), docType: 'agent', pk: 'agents' };
    await this.store.batch('directory', 'agents', [{ op: 'upsert', doc }]);
  }

  async saveTeam(team: TeamSnapshot): Promise<void> {
    const doc: TeamDoc = { ...team, docType: 'team', pk: 'teams' };
    await this.store.batch('directory', 'teams', [{ op: 'upsert', doc }]);
  }

  /** An agent with its etag (the admin screens' If-Match). */
  async agentVersioned(id: string): Promise<WithEtag<AgentSnapshot> | undefined> {
    const found = await this.store.read<AgentDoc>('directory', 'agents', id);
    return found ? { doc: strip(found.doc), etag: found.etag } : undefined;
  }

  async teamVersioned(id: string): Promise<WithEtag<TeamSnapshot> | undefined> {
    const found = await this.store.read<TeamDoc>('directory', 'teams', id);
    return found ? { doc: strip(found.doc), etag: found.etag } : undefined;
  }

  /** Every agent with its etag (a team's membership change rewrites some of them). */
  async agentsVersioned(): Promise<WithEtag<AgentSnapshot>[]> {
    const docs: WithEtag<AgentSnapshot>[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.store.query<AgentDoc>('directory', {
        partitionKey: 'agents',
        where: [{ field: 'pk', op: 'eq', value: 'agents' }],
        limit: 100,
        ...(cursor ? { cursor } : {}),
      });
      docs.push(...page.items.map((i) => ({ doc: strip(i.doc), etag: i.etag })));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return docs;
  }

  /**
   * Creates (`ifMatch` null) or replaces agents guarded by their etags, in one batch of the
   * agents partition: all of them or none. Throws ConcurrencyConflictError when one is stale.
   */
  async writeAgents(changes: readonly { agent: AgentSnapshot; ifMatch: string | null }[]): Promise<string[]> {
    if (changes.length === 0) return [];
    return this.store.batch(
      'directory',
      'agents',
      changes.map(({ agent, ifMatch }) => {
        const doc: AgentDoc = { ...agent, email: agent.email.toLowerCase(), docType: 'agent', pk: 'agents' };
        return ifMatch === null ? { op: 'create' as const, doc } : { op: 'replace' as const, doc, ifMatch };
      }),
    );
  }

  async writeTeam(team: TeamSnapshot, ifMatch: string | null): Promise<string> {
    const doc: TeamDoc = { ...team, docType: 'team', pk: 'teams' };
    const [etag] = await this.store.batch('directory', 'teams', [
      ifMatch === null ? { op: 'create', doc } : { op: 'replace', doc, ifMatch },
    ]);
    return etag as string;
  }

  private async all<T extends StoredDocument>(pk: 'agents' | 'teams'): Promise<T[]> {
    const docs: T[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.store.query<T>('directory', {
        partitionKey: pk,
        where: [{ field: 'pk', op: 'eq', value: pk }],
        limit: 100,
        ...(cursor ? { cursor } : {}),
      });
      docs.push(...page.items.map((i) => i.doc));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    // Sorted here: the directory is small, and sorting by name would need one more index everywhere.
    return docs.sort((a, b) => String(a.name).localeCompare(String(b.name)));
  }
}
