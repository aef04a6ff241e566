import { describe, expect, it } from 'vitest';
import { checkSafePattern, compileSafePattern } from './safe-regex.js';

describe('safe regex', () => {
  it.each<[string, string, boolean]>([
    ['abc', 'xxabcxx', true],
    ['^abc$', 'abc', true],
    ['^abc$', 'abcd', false],
    ['a[0-9]{2,3}b', 'a12b', true],
    ['a[0-9]{2,3}b', 'a1b', false],
    ['(foo|bar)+baz', 'foobarbaz', true],
    ['\\d+\\.\\d+', 'v1.25', true],
    ['[^a-z]', 'abc', false],
    ['colou?r', 'color', true],
  ])('%s on %s is %s', (pattern, input, expected) => {
    expect(compileSafePattern(pattern).test(input)).toBe(expected);
    expect(new RegExp(pattern).test(input)).toBe(expected);
  });

  it('runs catastrophic patterns in linear time', () => {
    const evil = compileSafePattern('^(a+)+$');
    const input = `${'a'.repeat(3_000)}!`;
    const started = performance.now();
    expect(evil.test(input)).toBe(false);
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('refuses what needs backtracking or is too big', () => {
    expect(checkSafePattern('(a)\\1')).toMatch(/back-references/);
    expect(checkSafePattern('(?=a)')).toMatch(/look-around/);
    expect(checkSafePattern('a'.repeat(201))).toMatch(/longer than/);
    expect(checkSafePattern('a{1,500}')).toMatch(/repetition/);
    expect(checkSafePattern('(')).not.toBeNull();
    expect(checkSafePattern('ok|fine')).toBeNull();
  });
});
