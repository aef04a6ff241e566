// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these strings are Bicep source, where ${...} is Bicep interpolation
/** The Bicep tokenizer, parser and evaluator the template checks rely on. */
import { describe, expect, it } from 'vitest';
import { evaluate, resourceBodies, Scope, UNRESOLVED } from './bicep/evaluate.js';
import { BicepSyntaxError, tokenize } from './bicep/lexer.js';
import { parseBicep } from './bicep/parser.js';

const file = (source: string) => ({ path: '/virtual/main.bicep', statements: parseBicep(source) });
const varValue = (source: string, name: string) => new Scope(file(source)).lookup(name);

describe('Bicep tokenizer', () => {
  it('drops line and block comments, including ones that look like code', () => {
    const tokens = tokenize("// param a string\n/* var b = 'x'\n */ var c = 1");
    expect(tokens.filter((t) => t.kind !== 'newline').map((t) => ('value' in t ? t.value : 'str'))).toEqual([
      'var',
      'c',
      '=',
      '1',
    ]);
  });

  it('reads escapes and keeps comment markers inside strings', () => {
    expect(varValue("var s = 'it\\'s // not a comment \\\\ \\${x} \\u{41}'", 's')).toBe(
      "it's // not a comment \\ ${x} A",
    );
  });

  it('evaluates interpolations, including nested strings', () => {
    expect(varValue("var n = 'kv'\nvar s = 'a-${n}-${'b${n}'}'", 's')).toBe('a-kv-bkv');
  });

  it('reads multi-line strings verbatim', () => {
    expect(varValue("var s = '''\nline ${x}\\n'''", 's')).toBe('line ${x}\\n');
  });

  it('refuses an unterminated string', () => {
    expect(() => tokenize("var s = 'open\n")).toThrow(BicepSyntaxError);
  });
});

describe('Bicep parser', () => {
  it('parses params with decorators and defaults, objects, arrays and ternaries', () => {
    const source = [
      "@allowed([ 'a', 'b' ])",
      "param mode string = 'b'",
      'param flag bool = true',
      "var o = { x: [ 1, 2\n 3 ], 'y-z': flag ? mode : 'no' }",
    ].join('\n');
    const statements = parseBicep(source);
    expect(statements[0]).toMatchObject({ kind: 'param', name: 'mode', decorators: [{ name: 'allowed' }] });
    expect(varValue(source, 'o')).toEqual({ x: [1, 2, 3], 'y-z': 'b' });
  });

  it('reads resources with type, api version, existing flag and for-loops', () => {
    const source = [
      "var names = [ 'one', 'two' ]",
      "resource parent 'Microsoft.X/things@2024-01-01' existing = { name: 'p' }",
      "resource kids 'Microsoft.X/things/kids@2024-01-01' = [for (n, i) in names: {",
      '  parent: parent',
      "  name: '${n}-${i}'",
      '}]',
    ].join('\n');
    const parsed = file(source);
    expect(parsed.statements[1]).toMatchObject({ kind: 'resource', apiVersion: '2024-01-01', existing: true });
    expect(resourceBodies(parsed, 'Microsoft.X/things/kids').map((r) => (r.body as { name: string }).name)).toEqual([
      'one-0',
      'two-1',
    ]);
    expect(resourceBodies(parsed, 'Microsoft.X/things')).toEqual([]);
  });

  it('leaves deployment-time values unresolved', () => {
    const source = "module m 'm.bicep' = { name: 'm' }\nvar v = 'x${m.outputs.y}'\nvar w = resourceGroup().location";
    expect(varValue(source, 'v')).toBe(UNRESOLVED);
    expect(varValue(source, 'w')).toBe(UNRESOLVED);
  });

  it('refuses what it does not understand instead of guessing', () => {
    expect(() => parseBicep('var x = { a: 1 b: 2 }')).toThrow(BicepSyntaxError);
    expect(() => parseBicep('banana x = 1')).toThrow(/unsupported statement/);
  });

  it('evaluates member access on loop items', () => {
    const parsed = file("var list = [ { k: 'a' } ]\nvar ks = [for item in list: item.k]");
    const statement = parsed.statements[1];
    if (statement?.kind !== 'var') throw new Error('expected a var');
    expect(evaluate(statement.value, new Scope(parsed))).toEqual(['a']);
  });
});
