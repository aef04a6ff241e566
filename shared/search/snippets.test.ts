import { describe, expect, it } from 'vitest';
import { partsOf, snippetOf } from './snippets.js';

const S = '\u0001';
const E = '\u0002';

describe('snippets', () => {
  it('splits marked text into plain parts, markup kept as text', () => {
    expect(partsOf(`a <b>${S}jam${E}</b>  c`)).toEqual([
      { text: 'a <b>', hit: false },
      { text: 'jam', hit: true },
      { text: '</b> c', hit: false },
    ]);
  });

  it('cuts a window around the first hit with ellipses, never cutting a hit', () => {
    const marked = `${'x '.repeat(200)}${S}needle${E}${' y'.repeat(200)}`;
    const parts = snippetOf(marked, 60) ?? [];
    expect(parts.find((p) => p.hit)?.text).toBe('needle');
    expect(parts[0]?.text.startsWith('…')).toBe(true);
    expect(parts[parts.length - 1]?.text.endsWith('…')).toBe(true);
    expect(parts.reduce((n, p) => n + p.text.length, 0)).toBeLessThanOrEqual(70);
  });

  it('has no snippet without a hit', () => {
    expect(snippetOf('nothing here')).toBeUndefined();
  });
});
