/**
 * Suggested CIs for an inbound mail (issue 15): CIs whose host name or asset tag appears in the
 * mail's subject or body, and the requester's assigned workstation. The words of the mail that
 * look like names are looked up as exact search keys (one indexed query per 100 words), so a mail
 * costs a few queries whatever the size of the CMDB. The result is only a suggestion: the ticket
 * lists it and an agent accepts or dismisses it (ticket-ci-ops.ts); nothing is set silently.
 */
import type { NewCiSuggestion } from '../tickets/ticket-types.js';
import type { CiSearchKeyDoc } from './ci-search-keys.js';

/** A mail's words tried as keys, at most: the ones that look most like host names or tags first. */
export const MAX_CANDIDATES = 400;
/** Suggestions from one mail, at most. */
export const MAX_SUGGESTIONS = 10;
/** Only the start of a long body is read: host names are named early, and a pasted log stays cheap. */
const MAX_TEXT = 50_000;
/** Search keys are cut to 200 characters (ci-search-keys.ts). */
const MAX_KEY = 200;

export interface MailForSuggestions {
  readonly subject: string;
  readonly body: string;
  readonly requesterEmail: string;
}

/** Exact search-key lookup: the key documents (any kind) whose key is one of `keys`. */
export interface CiKeyLookup {
  keysIn(keys: readonly string[]): Promise<readonly CiSearchKeyDoc[]>;
}

const looksLikeName = (token: string): boolean => /[0-9._-]/.test(token);

/**
 * The words of the mail worth looking up, lower-cased, in the order they appear (subject first):
 * words with a digit, dot, hyphen or underscore (`web-01`, `at-10023`, `db01.corp.example`) before
 * plain words, and for a dotted name also its first label (the CI may hold the short name).
 */
export function candidateKeys(subject: string, body: string): string[] {
  const text = `${subject}\n${body.slice(0, MAX_TEXT)}`.toLowerCase();
  const seen = new Set<string>();
  const named: string[] = [];
  const plain: string[] = [];
  const add = (token: string) => {
    if (token.length < 3 || token.length > MAX_KEY || seen.has(token)) return;
    seen.add(token);
    (looksLikeName(token) ? named : plain).push(token);
  };
  for (const [token] of text.matchAll(/[a-z0-9][a-z0-9._-]*[a-z0-9]/g)) {
    add(token);
    const dot = token.indexOf('.');
    if (dot > 0) add(token.slice(0, dot));
  }
  return [...named, ...plain].slice(0, MAX_CANDIDATES);
}

/**
 * What to suggest from the keys found: host names and asset tags in the order the mail names
 * them, then the workstation assigned to the requester; retired CIs are not suggested, each CI once.
 */
export function suggestionsFrom(
  candidates: readonly string[],
  requesterEmail: string,
  found: readonly CiSearchKeyDoc[],
): NewCiSuggestion[] {
  const order = new Map(candidates.map((key, i) => [key, i]));
  const requester = requesterEmail.trim().toLowerCase();
  const live = found.filter((k) => k.ci.status !== 'retired');
  const named = live
    .filter((k) => (k.kind === 'host' || k.kind === 'tag') && order.has(k.key))
    .sort((a, b) => (order.get(a.key) ?? 0) - (order.get(b.key) ?? 0) || a.ciId.localeCompare(b.ciId))
    .map(
      (k): NewCiSuggestion => ({ ciId: k.ciId, reason: k.kind === 'host' ? 'host_name' : 'asset_tag', matched: k.key }),
    );
  const workstations = live
    .filter((k) => k.kind === 'user' && k.key === requester)
    .sort((a, b) => a.ciId.localeCompare(b.ciId))
    .map((k): NewCiSuggestion => ({ ciId: k.ciId, reason: 'workstation', matched: k.key }));
  const seen = new Set<string>();
  return [...named, ...workstations].filter((s) => !seen.has(s.ciId) && seen.add(s.ciId)).slice(0, MAX_SUGGESTIONS);
}

/** Looks a mail's candidate words and its sender up in the CMDB and says what to suggest. */
export class CiSuggester {
  constructor(
    private readonly lookup: CiKeyLookup,
    /** A CMDB that cannot be read costs the suggestions, never the mail. */
    private readonly onError: (error: unknown) => void = () => {},
  ) {}

  async forMail(mail: MailForSuggestions): Promise<NewCiSuggestion[]> {
    const candidates = candidateKeys(mail.subject, mail.body);
    const requester = mail.requesterEmail.trim().toLowerCase();
    try {
      const found = await this.lookup.keysIn(requester ? [...candidates, requester] : candidates);
      return suggestionsFrom(candidates, requester, found);
    } catch (error) {
      this.onError(error);
      return [];
    }
  }
}
