/**
 * Every screen is built from the design kit (issue 24, ADR 0014): route files hold no raw form
 * controls or tables (they use Button, TextField, Select, Checkbox, DataTable...), and the classes
 * the screens used before the kit (`badge`, `empty`, `loading`, `banner`) are neither styled nor used.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const WEB_SRC = fileURLToPath(new URL('../../web/src', import.meta.url));
const RETIRED = ['badge', 'empty', 'loading', 'banner'];

function filesUnder(dir: string, ending: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith(ending))
    .map((e) => join(e.parentPath, e.name));
}

/** The class names a Svelte file gives its elements: class="a b {x}" and class:name. */
function classNames(source: string): string[] {
  const names: string[] = [];
  for (const m of source.matchAll(/\bclass="([^"]*)"/g))
    names.push(
      ...m[1]!
        .replace(/\{[^}]*\}/g, ' ')
        .split(/\s+/)
        .filter(Boolean),
    );
  for (const m of source.matchAll(/\bclass:([\w-]+)/g)) names.push(m[1]!);
  return names;
}

describe('Screens on the design kit', () => {
  it('builds route screens from primitives, not raw controls or tables', () => {
    // The gallery (routes/dev) is left out: it wires a Tooltip's trigger to a bare element on purpose.
    const screens = filesUnder(join(WEB_SRC, 'routes'), '.svelte').filter((f) => !f.includes(join('routes', 'dev')));
    expect(screens.length).toBeGreaterThan(15);
    const raw = screens.flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/<(button|input|select|textarea|table)\b/g)].map(
        (m) => `${relative(WEB_SRC, file)}: <${m[1]}>`,
      ),
    );
    expect(raw).toEqual([]);
  });

  it('neither styles nor uses the classes of the screens before the kit', () => {
    const styled = filesUnder(join(WEB_SRC, 'lib', 'ui'), '.css').flatMap((file) =>
      RETIRED.filter((name) => new RegExp(`\\.${name}\\b`).test(readFileSync(file, 'utf8'))).map(
        (name) => `${relative(WEB_SRC, file)}: .${name}`,
      ),
    );
    const used = filesUnder(WEB_SRC, '.svelte').flatMap((file) =>
      classNames(readFileSync(file, 'utf8'))
        .filter((name) => RETIRED.includes(name))
        .map((name) => `${relative(WEB_SRC, file)}: ${name}`),
    );
    expect({ styled, used }).toEqual({ styled: [], used: [] });
  });

  it('finds class names the way the check above reads them', () => {
    expect(classNames('<p class="card empty {x}">a</p><div class:banner={on}></div>')).toEqual([
      'card',
      'empty',
      'banner',
    ]);
  });
});
