/**
 * Suggested problems (issue 17): recurring incidents on the same CI or the same service with
 * similar text, and repeated assists to the same expert team on the same CI. Pure: the timer
 * (functions/timers/problem-clustering.timer.ts) reads the window and the remembered suggestions,
 * calls `suggestProblems`, and writes what it returns.
 *
 * Text similarity is the Jaccard index of the titles' word sets (lower-cased, accents folded,
 * stop words and words under three letters dropped). Inside one CI or service, incidents join
 * the first cluster whose seed they resemble (oldest first), so one pass is linear in the
 * incidents times the clusters of that CI. A cluster's signature is the words at least half its
 * incidents share; a dismissed cluster is remembered by its group and signature, and a later
 * candidate in the same group whose signature resembles it as closely is not suggested again.
 */

export interface ClusterIncident {
  readonly id: string;
  readonly number: string;
  readonly title: string;
  readonly createdAt: string;
  readonly ciIds: readonly string[];
  readonly serviceIds: readonly string[];
  /** Already a symptom of a problem: nothing to suggest. */
  readonly linkedToProblem: boolean;
}

export interface ClusterAssist {
  readonly id: string;
  readonly ticketId: string;
  readonly ticketNumber: string;
  readonly expertTeamId: string;
  readonly ciIds: readonly string[];
  readonly createdAt: string;
  readonly linkedToProblem: boolean;
}

export interface ClusteringSettings {
  /** How far back the timer looks. */
  readonly windowDays: number;
  /** Incidents (or assists) it takes to suggest a problem. */
  readonly minIncidents: number;
  /** Jaccard similarity of the titles' words, 0..1. */
  readonly minSimilarity: number;
}

export const DEFAULT_CLUSTERING: ClusteringSettings = { windowDays: 7, minIncidents: 3, minSimilarity: 0.3 };

export type ClusterReason = 'same_ci' | 'same_service' | 'repeated_assists';

export interface ProblemCandidate {
  /** `ci:<id>`, `service:<id>` or `assists:<team>:<ci>`. */
  readonly group: string;
  readonly reason: ClusterReason;
  readonly signature: readonly string[];
  readonly ticketIds: readonly string[];
  readonly ticketNumbers: readonly string[];
  /** The titles shown in the queue (the cluster). */
  readonly titles: readonly string[];
  readonly firstAt: string;
  readonly lastAt: string;
}

/** What a dismissal leaves behind (the suggestion document keeps it). */
export interface RememberedCluster {
  readonly group: string;
  readonly signature: readonly string[];
}

const STOP_WORDS = new Set(
  'the and for with not but are was were has have had from this that into onto our your their its can cannot cant does doesnt dont will wont when what who why how any all again still please help issue problem error after before since only just also very der die das und ist nicht mit ein eine bei'.split(
    ' ',
  ),
);

/** The words of a title that say what it is about. */
export function wordsOf(text: string): Set<string> {
  const words = new Set<string>();
  for (const raw of text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u))
    if (raw.length >= 3 && !STOP_WORDS.has(raw)) words.add(raw);
  return words;
}

export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 0;
  let shared = 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const w of small) if (large.has(w)) shared++;
  return shared / (a.size + b.size - shared);
}

interface Member {
  readonly incident: ClusterIncident;
  readonly words: Set<string>;
}

/** Groups similar titles inside one CI or service, oldest first. */
function clustersOf(members: readonly Member[], minSimilarity: number): Member[][] {
  const clusters: { seed: Set<string>; members: Member[] }[] = [];
  for (const m of members) {
    const home = clusters.find((c) => jaccard(c.seed, m.words) >= minSimilarity);
    if (home) home.members.push(m);
    else clusters.push({ seed: m.words, members: [m] });
  }
  return clusters.map((c) => c.members);
}

/** The words at least half the cluster shares, most shared first (then alphabetically), at most 6. */
function signatureOf(wordSets: readonly ReadonlySet<string>[]): string[] {
  const counts = new Map<string, number>();
  for (const words of wordSets) for (const w of words) counts.set(w, (counts.get(w) ?? 0) + 1);
  return [...counts]
    .filter(([, n]) => n * 2 >= wordSets.length)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, 6)
    .map(([w]) => w)
    .sort();
}

const isRemembered = (
  candidate: RememberedCluster,
  remembered: readonly RememberedCluster[],
  minSimilarity: number,
): boolean =>
  remembered.some(
    (r) => r.group === candidate.group && jaccard(new Set(r.signature), new Set(candidate.signature)) >= minSimilarity,
  );

const byTime = <T extends { createdAt: string }>(a: T, b: T) =>
  a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0;

/**
 * The clusters worth a problem in the window ending at `now`: per CI and per service, similar
 * incidents at least `minIncidents` strong; per expert team and CI, at least `minIncidents`
 * assists. A candidate whose incidents all stand in a larger one already found is left out, and
 * so is one resembling a dismissed cluster.
 */
export function suggestProblems(
  input: {
    readonly incidents: readonly ClusterIncident[];
    readonly assists?: readonly ClusterAssist[];
    readonly dismissed?: readonly RememberedCluster[];
    readonly now: Date;
  },
  settings: ClusteringSettings = DEFAULT_CLUSTERING,
): ProblemCandidate[] {
  const since = new Date(input.now.getTime() - settings.windowDays * 86_400_000).toISOString();
  const groups = new Map<string, { reason: ClusterReason; members: Member[] }>();
  const add = (group: string, reason: ClusterReason, member: Member) => {
    const found = groups.get(group);
    if (found) found.members.push(member);
    else groups.set(group, { reason, members: [member] });
  };
  for (const incident of [...input.incidents].sort(byTime)) {
    if (incident.linkedToProblem || incident.createdAt < since) continue;
    const member = { incident, words: wordsOf(incident.title) };
    for (const ciId of new Set(incident.ciIds)) add(`ci:${ciId}`, 'same_ci', member);
    for (const serviceId of new Set(incident.serviceIds)) add(`service:${serviceId}`, 'same_service', member);
  }
  const candidates: ProblemCandidate[] = [];
  for (const [group, { reason, members }] of groups) {
    if (members.length < settings.minIncidents) continue;
    for (const cluster of clustersOf(members, settings.minSimilarity)) {
      if (cluster.length < settings.minIncidents) continue;
      candidates.push(
        candidateOf(
          group,
          reason,
          cluster.map((m) => m.incident),
          signatureOf(cluster.map((m) => m.words)),
        ),
      );
    }
  }
  candidates.push(...assistCandidates(input.assists ?? [], since, settings, input.incidents));
  // Largest first: a cluster contained in a larger one (the CI's incidents again under its service) adds nothing.
  candidates.sort((a, b) => b.ticketIds.length - a.ticketIds.length || a.group.localeCompare(b.group));
  const kept: ProblemCandidate[] = [];
  // A larger cluster containing this one holds its first incident: only those are compared.
  const keptByTicket = new Map<string, { ids: Set<string> }[]>();
  for (const c of candidates) {
    if (c.reason !== 'repeated_assists') {
      const holders = keptByTicket.get(c.ticketIds[0] ?? '') ?? [];
      if (holders.some((k) => c.ticketIds.every((id) => k.ids.has(id)))) continue;
    }
    if (isRemembered(c, input.dismissed ?? [], settings.minSimilarity)) continue;
    kept.push(c);
    if (c.reason === 'repeated_assists') continue;
    const entry = { ids: new Set(c.ticketIds) };
    for (const id of c.ticketIds) keptByTicket.set(id, [...(keptByTicket.get(id) ?? []), entry]);
  }
  return kept;
}

function candidateOf(
  group: string,
  reason: ClusterReason,
  incidents: readonly Pick<ClusterIncident, 'id' | 'number' | 'title' | 'createdAt'>[],
  signature: readonly string[],
): ProblemCandidate {
  return {
    group,
    reason,
    signature,
    ticketIds: incidents.map((i) => i.id),
    ticketNumbers: incidents.map((i) => i.number),
    titles: incidents.map((i) => i.title),
    firstAt: incidents[0]?.createdAt ?? '',
    lastAt: incidents[incidents.length - 1]?.createdAt ?? '',
  };
}

/** The same expert team asked again and again about the same CI: the knowledge is missing somewhere. */
function assistCandidates(
  assists: readonly ClusterAssist[],
  since: string,
  settings: ClusteringSettings,
  incidents: readonly ClusterIncident[],
): ProblemCandidate[] {
  const titleOf = new Map(incidents.map((i) => [i.id, i.title]));
  const groups = new Map<string, ClusterAssist[]>();
  for (const a of [...assists].sort(byTime)) {
    if (a.linkedToProblem || a.createdAt < since) continue;
    for (const ciId of new Set(a.ciIds)) {
      const key = `assists:${a.expertTeamId}:${ciId}`;
      groups.set(key, [...(groups.get(key) ?? []), a]);
    }
  }
  const out: ProblemCandidate[] = [];
  for (const [group, list] of groups) {
    // One ticket asking the same team three times is one incident, not a pattern.
    const perTicket = [...new Map(list.map((a) => [a.ticketId, a])).values()];
    if (perTicket.length < settings.minIncidents) continue;
    const tickets = perTicket.map((a) => ({
      id: a.ticketId,
      number: a.ticketNumber,
      title: titleOf.get(a.ticketId) ?? a.ticketNumber,
      createdAt: a.createdAt,
    }));
    out.push(candidateOf(group, 'repeated_assists', tickets, signatureOf(tickets.map((t) => wordsOf(t.title)))));
  }
  return out;
}
