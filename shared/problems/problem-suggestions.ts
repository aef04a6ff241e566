/**
 * The "suggested problems" queue (issue 17): the clustering timer's candidates
 * (incident-clustering.ts), stored in the `problems` container's `suggestions` partition. A
 * run refreshes the open suggestions (same group and signature: same document, its incidents
 * updated) and never brings back a dismissed one; accepting creates the problem with the
 * incidents linked (ProblemUseCases.create), dismissing is remembered.
 */
import type { Actor } from '../kernel/actor.js';
import { actorRef } from '../kernel/actor.js';
import { fail, ok, type Result } from '../kernel/result.js';
import type { Clock } from '../ports/clock.js';
import type { DocumentStore, StoredDocument } from '../ports/document-store.js';
import {
  type ClusterAssist,
  type ClusterIncident,
  type ClusteringSettings,
  DEFAULT_CLUSTERING,
  type ProblemCandidate,
  suggestProblems,
} from './incident-clustering.js';
import type { ProblemOutcome, ProblemUseCases } from './problem-use-cases.js';

export const SUGGESTIONS_PARTITION = 'suggestions';

export interface ProblemSuggestion extends ProblemCandidate {
  readonly id: string;
  readonly problemId: typeof SUGGESTIONS_PARTITION;
  readonly docType: 'problem-suggestion';
  readonly state: 'open' | 'accepted' | 'dismissed';
  readonly createdAt: string;
  readonly updatedAt: string;
  /** Who accepted or dismissed it, and the problem an accept made. */
  readonly decidedBy: string | null;
  readonly acceptedProblemId: string | null;
}

/** Where the timer reads its window: incidents, assists to expert teams, both since a time. */
export interface ClusteringSource {
  incidentsSince(since: string): Promise<ClusterIncident[]>;
  assistsSince(since: string): Promise<ClusterAssist[]>;
}

/** A stable id for a group and signature: the same cluster refreshes one document. */
const suggestionId = (c: Pick<ProblemCandidate, 'group' | 'signature'>): string => {
  let h = 2166136261;
  for (const ch of `${c.group}|${c.signature.join('+')}`) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
  return `sug_${c.group.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 60)}_${h.toString(36)}`;
};

const asDoc = (s: ProblemSuggestion): StoredDocument => s as unknown as StoredDocument;

export class ProblemSuggestions {
  constructor(
    private readonly store: DocumentStore,
    private readonly source: ClusteringSource,
    private readonly problems: ProblemUseCases,
    private readonly clock: Clock,
    private readonly settings: ClusteringSettings = DEFAULT_CLUSTERING,
  ) {}

  async list(state: ProblemSuggestion['state'] = 'open', limit = 50): Promise<ProblemSuggestion[]> {
    const page = await this.store.query<ProblemSuggestion & StoredDocument>('problems', {
      partitionKey: SUGGESTIONS_PARTITION,
      where: [
        { field: 'problemId', op: 'eq', value: SUGGESTIONS_PARTITION },
        { field: 'docType', op: 'eq', value: 'problem-suggestion' },
        { field: 'state', op: 'eq', value: state },
      ],
      orderBy: [{ field: 'updatedAt', direction: 'desc' }],
      limit,
    });
    return page.items.map((i) => i.doc);
  }

  /** One timer run: cluster the window, refresh the open suggestions; returns how many are open. */
  async run(): Promise<{ open: number; considered: number }> {
    const now = this.clock.now();
    const since = new Date(now.getTime() - this.settings.windowDays * 86_400_000).toISOString();
    // Assists are read after the incidents: their CIs are their incident's.
    const incidents = await this.source.incidentsSince(since);
    const assists = await this.source.assistsSince(since);
    const [dismissed, open] = await Promise.all([this.list('dismissed', 500), this.list('open', 500)]);
    const candidates = suggestProblems({ incidents, assists, dismissed, now }, this.settings);
    const at = now.toISOString();
    const byId = new Map(open.map((s) => [s.id, s]));
    const keep = new Set<string>();
    for (const c of candidates) {
      const id = suggestionId(c);
      keep.add(id);
      const before = byId.get(id);
      if (before && before.ticketIds.join() === c.ticketIds.join()) continue;
      const doc: ProblemSuggestion = {
        ...c,
        id,
        problemId: SUGGESTIONS_PARTITION,
        docType: 'problem-suggestion',
        state: 'open',
        createdAt: before?.createdAt ?? at,
        updatedAt: at,
        decidedBy: null,
        acceptedProblemId: null,
      };
      await this.store.batch('problems', SUGGESTIONS_PARTITION, [{ op: 'upsert', doc: asDoc(doc) }]);
    }
    // An open suggestion whose cluster fell apart (linked, out of the window) leaves the queue.
    for (const s of open)
      if (!keep.has(s.id)) await this.store.batch('problems', SUGGESTIONS_PARTITION, [{ op: 'delete', id: s.id }]);
    return { open: keep.size, considered: incidents.length };
  }

  async accept(id: string, actor: Actor): Promise<Result<ProblemOutcome>> {
    const found = await this.open(id);
    if (!found) return fail('PROBLEM.SUGGESTION_NOT_FOUND', `No open suggested problem ${id}`);
    const { doc, etag } = found;
    const created = await this.problems.create(
      { title: `Recurring: ${doc.titles[0] ?? doc.signature.join(' ')}`, fromTickets: [...doc.ticketIds] },
      actor,
      doc.group,
    );
    if (!created.ok) return created;
    await this.decide(doc, etag, 'accepted', actor, created.value.problem.id);
    return created;
  }

  async dismiss(id: string, actor: Actor): Promise<Result<ProblemSuggestion>> {
    const found = await this.open(id);
    if (!found) return fail('PROBLEM.SUGGESTION_NOT_FOUND', `No open suggested problem ${id}`);
    return ok(await this.decide(found.doc, found.etag, 'dismissed', actor, null));
  }

  private async open(id: string) {
    const found = await this.store.read<ProblemSuggestion & StoredDocument>('problems', SUGGESTIONS_PARTITION, id);
    return found?.doc.docType === 'problem-suggestion' && found.doc.state === 'open' ? found : undefined;
  }

  private async decide(
    doc: ProblemSuggestion,
    etag: string,
    state: 'accepted' | 'dismissed',
    actor: Actor,
    acceptedProblemId: string | null,
  ): Promise<ProblemSuggestion> {
    const ref = actorRef(actor);
    const next: ProblemSuggestion = {
      ...doc,
      state,
      updatedAt: this.clock.now().toISOString(),
      decidedBy: ref.kind === 'agent' ? ref.agentId : ref.kind,
      acceptedProblemId,
    };
    await this.store.batch('problems', SUGGESTIONS_PARTITION, [{ op: 'replace', doc: asDoc(next), ifMatch: etag }]);
    return next;
  }
}
