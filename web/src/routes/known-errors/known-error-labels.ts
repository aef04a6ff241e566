/** How the known-error screens show a status. */
import type { Tone } from '$lib/ui/Badge.svelte';

export const statusTone = (status: string): Tone =>
  status === 'published' ? 'success' : status === 'draft' ? 'warning' : 'neutral';

/** Comma- or line-separated ids and codes as a list. */
export const listOf = (text: string): string[] =>
  text
    .split(/[\n,]/)
    .map((v) => v.trim())
    .filter(Boolean);
