/**
 * The layering of ARCHITECTURE.md, enforced: shared/ is pure (no SDKs, no file system, no
 * network), functions/ never reaches into infra/ or web/, web/ only takes shared/ types, and the
 * Ticket aggregate is changed only through its class (its working copy and per-concern rules stay
 * inside shared/tickets/).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');

const sourceFiles = (dir: string): string[] => {
  const abs = join(ROOT, dir);
  try {
    statSync(abs);
  } catch {
    return [];
  }
  return readdirSync(abs, { recursive: true, encoding: 'utf8' })
    .filter(
      (f) =>
        /\.(ts|svelte|js)$/.test(f) &&
        !f.includes('node_modules') &&
        !f.includes('.svelte-kit') &&
        !f.startsWith('build'),
    )
    .map((f) => join(dir, f));
};

/** Every module specifier a file imports (static, dynamic and re-exports). */
const importsOf = (source: string): string[] =>
  [
    ...source.matchAll(
      /(?:import|export)\s[^'"`;]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|import\s+['"]([^'"]+)['"]/g,
    ),
  ].map((m) => (m[1] ?? m[2] ?? m[3]) as string);

const FORBIDDEN_IN_SHARED = [
  /^node:/,
  /^(fs|http|https|net|child_process|os|path|crypto)$/,
  /^@azure\//,
  /^@microsoft\//,
  /^@hubspot\//,
  /^better-sqlite3$/,
  /^nodemailer$/,
  /^smtp-server$/,
  /^mailparser$/,
];

describe('import boundaries', () => {
  it('finds imports the way the check needs (guard against a scanner that sees nothing)', () => {
    expect(
      importsOf(
        "import a from 'node:fs';\nimport { b } from \"../x.js\";\nexport * from './y.js';\nconst c = await import('z');\nimport 'side';",
      ),
    ).toEqual(['node:fs', '../x.js', './y.js', 'z', 'side']);
  });

  it('keeps shared/ free of SDKs, the file system and the network', () => {
    const files = sourceFiles('shared').filter((f) => !f.endsWith('.test.ts'));
    expect(files.length).toBeGreaterThan(10);
    const offenders = files.flatMap((file) =>
      importsOf(readFileSync(join(ROOT, file), 'utf8'))
        .filter(
          (spec) =>
            FORBIDDEN_IN_SHARED.some((rule) => rule.test(spec)) ||
            (spec.startsWith('.') && !join(file, '..', spec).startsWith('shared')),
        )
        .map((spec) => `${file} imports ${spec}`),
    );
    expect(offenders).toEqual([]);
  });

  it('keeps functions/ independent of infra/, tests/ and web/', () => {
    const offenders = sourceFiles('functions')
      .filter((f) => !f.endsWith('.test.ts'))
      .flatMap((file) =>
        importsOf(readFileSync(join(ROOT, file), 'utf8'))
          .filter((spec) => spec.startsWith('.'))
          .map((spec) => relative(ROOT, join(ROOT, file, '..', spec)))
          .filter((target) => /^(infra|tests|web)\//.test(target))
          .map((target) => `${file} -> ${target}`),
      );
    expect(offenders).toEqual([]);
  });

  it('lets web/ import only types and schemas from shared/', () => {
    const offenders = sourceFiles('web/src').flatMap((file) =>
      importsOf(readFileSync(join(ROOT, file), 'utf8'))
        .filter((spec) => spec.startsWith('.'))
        .map((spec) => relative(ROOT, join(ROOT, file, '..', spec)))
        .filter((target) => /^(functions|infra|tests)\//.test(target))
        .map((target) => `${file} -> ${target}`),
    );
    expect(offenders).toEqual([]);
  });

  it('keeps the working copy and rules of the Ticket aggregate behind the Ticket class', () => {
    const internal = /^shared\/tickets\/ticket-(draft|[a-z]+-ops)\.js$/;
    const offenders = ['shared', 'functions', 'infra', 'tests', 'web/src']
      .flatMap(sourceFiles)
      .filter((file) => !file.startsWith(join('shared', 'tickets')))
      .flatMap((file) =>
        importsOf(readFileSync(join(ROOT, file), 'utf8'))
          .filter((spec) => spec.startsWith('.'))
          .map((spec) => relative(ROOT, join(ROOT, file, '..', spec)))
          .filter((target) => internal.test(target))
          .map((target) => `${file} -> ${target}`),
      );
    expect(offenders).toEqual([]);
  });
});
