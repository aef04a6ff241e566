/**
 * Snippets: the adapters return a field's text with each hit between HIT_START and HIT_END; this
 * cuts a window around the first hit and splits it into parts. The parts are plain text (the web
 * app renders them as text nodes in <mark>), so a mail full of HTML or script stays inert.
 */
import type { SnippetPart } from '../ports/search-index.js';
import { HIT_END, HIT_START } from './search-text.js';

export const SNIPPET_LENGTH = 160;

const WHITESPACE = /\s+/g;

/** Parts of marked text, whitespace collapsed. */
export function partsOf(marked: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let hit = false;
  let text = '';
  const push = () => {
    if (text !== '') {
      const last = parts[parts.length - 1];
      if (last && last.hit === hit) parts[parts.length - 1] = { text: last.text + text, hit };
      else parts.push({ text, hit });
    }
    text = '';
  };
  for (const ch of marked.replace(WHITESPACE, ' ')) {
    if (ch === HIT_START || ch === HIT_END) {
      push();
      hit = ch === HIT_START;
    } else text += ch;
  }
  push();
  return parts;
}

/**
 * A window of about `length` characters around the first hit of marked text, with an ellipsis
 * where text was cut; undefined when the text has no hit.
 */
export function snippetOf(marked: string, length = SNIPPET_LENGTH): SnippetPart[] | undefined {
  const parts = partsOf(marked);
  const first = parts.findIndex((p) => p.hit);
  if (first < 0) return undefined;
  const before = parts.slice(0, first).reduce((n, p) => n + p.text.length, 0);
  // About a third of the window before the hit, the rest after it.
  let start = Math.max(0, before - Math.floor(length / 3));
  const total = parts.reduce((n, p) => n + p.text.length, 0);
  if (total - start < length) start = Math.max(0, total - length);
  const end = Math.min(total, start + length);
  const out: SnippetPart[] = [];
  let at = 0;
  for (const part of parts) {
    const from = Math.max(start, at);
    const to = Math.min(end, at + part.text.length);
    // A hit is never cut in half: it is kept whole even when it crosses the window's edge.
    if (part.hit && at < end && at + part.text.length > start) out.push(part);
    else if (from < to) out.push({ text: part.text.slice(from - at, to - at), hit: false });
    at += part.text.length;
  }
  const head = out[0];
  if (start > 0 && head && !head.hit) out[0] = { text: `…${head.text.trimStart()}`, hit: false };
  const tail = out[out.length - 1];
  if (end < total && tail && !tail.hit) out[out.length - 1] = { text: `${tail.text.trimEnd()}…`, hit: false };
  return out;
}
