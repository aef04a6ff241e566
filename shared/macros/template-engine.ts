/**
 * TemplateEngine: renders a macro's text with its placeholders. The adapter (liquidjs, in
 * functions/adapters/templates/) runs in a safe mode: no file system (no include, render or
 * layout), no prototype access, bounded render time, parse size, memory and output size. A
 * refusal is a value with a stable code (MACRO.TEMPLATE_INVALID | _FORBIDDEN | _LIMIT), never a throw.
 */
import type { Result } from '../kernel/result.js';

export interface TemplateEngine {
  /** Synchronous, so a command renders against the very ticket it changes. */
  render(source: string, context: Readonly<Record<string, unknown>>): Result<string>;
}

/** Rendered text longer than this is refused (a reply or note body holds at most 100,000 characters). */
export const RENDERED_MAX_CHARS = 100_000;

/** Plain text for an HTML page: every character that means something in HTML escaped, line breaks kept. */
export const textToHtml = (text: string): string =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
    .replace(/\r?\n/g, '<br>\n');
