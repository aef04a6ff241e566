import { describe, expect, it } from 'vitest';
import { checkSafePattern, compileSafePattern, MAX_INPUT_LENGTH } from './safe-regex.js';

describe('safe regex (re2js)', () => {
  it.each<[string, string, boolean]>([
    ['abc', 'xxabcxx', true],
    ['^abc$', 'abc', true],
    ['^abc$', 'abcd', false],
    ['^abc$', 'abc\n', false],
    ['a[0-9]{2,3}b', 'a12b', true],
    ['a[0-9]{2,3}b', 'a1b', false],
    ['(foo|bar)+baz', 'foobarbaz', true],
    ['\\d+\\.\\d+', 'v1.25', true],
    ['[^a-z]', 'abc', false],
    ['colou?r', 'color', true],
    ['\\bvpn\\b', 'my vpn is down', true],
    ['\\{1,500\\}', 'a{1,500}', true],
  ])('%s on %s is %s', (pattern, input, expected) => {
    expect(compileSafePattern(pattern).test(input)).toBe(expected);
    expect(new RegExp(pattern).test(input)).toBe(expected);
  });

  it('ignores case when asked', () => {
    expect(compileSafePattern('vpn', true).test('VPN down')).toBe(true);
    expect(compileSafePattern('vpn').test('VPN down')).toBe(false);
  });

  it('runs catastrophic patterns in linear time', () => {
    const evil = compileSafePattern('^(a+)+$');
    const input = `${'a'.repeat(3_000)}!`;
    const started = performance.now();
    expect(evil.test(input)).toBe(false);
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('reads only the first 4,000 characters of the input', () => {
    const tail = compileSafePattern('needle');
    expect(tail.test(`${'x'.repeat(MAX_INPUT_LENGTH - 6)}needle`)).toBe(true);
    expect(tail.test(`${'x'.repeat(MAX_INPUT_LENGTH)}needle`)).toBe(false);
  });

  it('refuses what needs backtracking or is too big', () => {
    expect(checkSafePattern('(a)\\1')).toMatch(/back-references/);
    expect(checkSafePattern('(?=a)')).toMatch(/look-around/);
    expect(checkSafePattern('(?<!a)b')).toMatch(/look-around/);
    expect(checkSafePattern('a'.repeat(201))).toMatch(/longer than/);
    expect(checkSafePattern('a{1,500}')).toMatch(/repetition/);
    expect(checkSafePattern('a{21}')).toMatch(/repetition/);
    expect(checkSafePattern('(')).toMatch(/missing closing/);
    expect(checkSafePattern('ok|fine')).toBeNull();
    expect(checkSafePattern('a{2,20}')).toBeNull();
  });
});
