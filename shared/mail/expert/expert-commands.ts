/**
 * The command words an expert or approver may put alone at the start of the first line of a
 * reply (case-insensitive; documented in each mail and in the README):
 *   assists:  `answer` (the rest is the answer), `decline <reason>`, `propose` (the rest is a
 *             proposed customer reply for the owner); anything else is a contribution.
 *   actions:  `approve`, `reject <reason>`.
 */

export type AssistCommand =
  | { readonly word: 'answer' | 'propose' | 'decline'; readonly rest: string }
  | { readonly word: null; readonly rest: string };

const split = (text: string, words: readonly string[]): { word: string; rest: string } | null => {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const start = lines.findIndex((l) => l.trim() !== '');
  if (start < 0) return null;
  const line = (lines[start] as string).trim();
  const match = new RegExp(`^(${words.join('|')})(?![\\p{L}\\p{N}])[\\s:.,!-]*(.*)$`, 'iu').exec(line);
  if (!match) return null;
  const rest = [match[2] ?? '', ...lines.slice(start + 1)].join('\n').trim();
  return { word: (match[1] as string).toLowerCase(), rest };
};

export function parseAssistCommand(text: string): AssistCommand {
  const found = split(text, ['answer', 'propose', 'decline']);
  if (!found) return { word: null, rest: text.trim() };
  return { word: found.word as 'answer' | 'propose' | 'decline', rest: found.rest };
}

export type ActionCommand = { readonly action: string; readonly reason: string } | null;

/** The action word of the first line among `allowed` (approve, reject ...), with what follows it. */
export function parseActionCommand(text: string, allowed: readonly string[]): ActionCommand {
  const known = ['approve', 'reject', ...allowed.filter((a) => /^[a-z]+$/i.test(a))];
  const found = split(text, [...new Set(known.map((w) => w.toLowerCase()))]);
  return found ? { action: found.word, reason: found.rest } : null;
}

export const ASSIST_COMMAND_HELP = [
  'Reply to this mail to add to the assist. To do more, start the first line with one word:',
  '  answer   - the rest of your reply is the answer (it ends the assist)',
  '  decline  - you cannot help; the rest of the line is your reason',
  '  propose  - the rest is a reply you propose the owner sends to the customer',
  'Anything else is added to the assist as a contribution. Your reply stays internal: the customer never sees it.',
].join('\n');
