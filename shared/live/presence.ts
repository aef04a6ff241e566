/**
 * Presence on a ticket (ADR 0027, "who is viewing, who is replying"): each open tab of the ticket
 * page is a session that says it is there by a heartbeat every HEARTBEAT_MS; a session not heard
 * from for PRESENCE_TTL_MS has gone (a closed tab, a laptop put to sleep, a lost network), so
 * nobody shows as viewing forever. A tab that closes normally also says goodbye at once. Pure
 * functions of (sessions, now): the service stores sessions and broadcasts what changed.
 */

export const HEARTBEAT_MS = 15_000;
/** Three missed heartbeats: long enough for a throttled background tab, short enough to trust. */
export const PRESENCE_TTL_MS = 45_000;

export const PRESENCE_ACTIVITIES = ['viewing', 'replying'] as const;
export type PresenceActivity = (typeof PRESENCE_ACTIVITIES)[number];

/** One tab of one agent on one ticket. */
export interface PresenceSession {
  readonly sessionId: string;
  readonly agentId: string;
  readonly activity: PresenceActivity;
  /** When the session was last heard from (ISO). */
  readonly seenAt: string;
}

/** What others see: one line per agent, whatever number of tabs they have open. */
export interface Viewer {
  readonly agentId: string;
  readonly activity: PresenceActivity;
  /** How long this line stays true without a further heartbeat (the client counts it down). */
  readonly expiresInMs: number;
}

const expiresAt = (s: PresenceSession): number => Date.parse(s.seenAt) + PRESENCE_TTL_MS;

export const isLive = (s: PresenceSession, now: Date): boolean => expiresAt(s) > now.getTime();

/** The sessions heard from within the TTL. */
export const liveSessions = (sessions: readonly PresenceSession[], now: Date): PresenceSession[] =>
  sessions.filter((s) => isLive(s, now));

/**
 * The viewers of a ticket: one per agent, `replying` if any of their tabs is, expiring with their
 * freshest tab of that activity; sorted by agent so that equal sets compare equal.
 */
export function viewersOf(sessions: readonly PresenceSession[], now: Date): Viewer[] {
  const byAgent = new Map<string, Viewer>();
  for (const s of liveSessions(sessions, now)) {
    const line: Viewer = { agentId: s.agentId, activity: s.activity, expiresInMs: expiresAt(s) - now.getTime() };
    const had = byAgent.get(s.agentId);
    if (!had || outranks(line, had)) byAgent.set(s.agentId, line);
  }
  return [...byAgent.values()].sort((a, b) => (a.agentId < b.agentId ? -1 : a.agentId > b.agentId ? 1 : 0));
}

const outranks = (a: Viewer, b: Viewer): boolean =>
  a.activity !== b.activity ? a.activity === 'replying' : a.expiresInMs > b.expiresInMs;

/** Whether two viewer lists show the same people doing the same thing (expiry times aside). */
export const sameViewers = (a: readonly Viewer[], b: readonly Viewer[]): boolean =>
  a.length === b.length && a.every((v, i) => v.agentId === b[i]?.agentId && v.activity === b[i]?.activity);

/** A heartbeat: the session refreshed (or started) with its current activity. */
export const heartbeat = (
  agentId: string,
  sessionId: string,
  activity: PresenceActivity,
  now: Date,
): PresenceSession => ({ sessionId, agentId, activity, seenAt: now.toISOString() });
