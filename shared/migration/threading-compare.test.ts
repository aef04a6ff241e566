import { describe, expect, it } from 'vitest';
import { compareThreading, type ThreadedMessage } from './threading-compare.js';

const m = (messageId: string, ticketId: string): ThreadedMessage => ({
  messageId,
  ticketId,
  number: ticketId.toUpperCase(),
});

describe('compareThreading', () => {
  it('pairs the tickets both systems have and names where threading differed', () => {
    const theirs = [
      m('<a1@x>', 'zd-1'),
      m('a2@x', 'zd-1'),
      m('b1@x', 'zd-2'),
      m('b2@x', 'zd-2'),
      m('c1@x', 'zd-3'),
      m('c2@x', 'zd-4'),
      m('d@x', 'zd-5'),
    ];
    const ours = [
      m('A1@X', 'inc-1'),
      m('a2@x', 'inc-1'),
      m('b1@x', 'inc-2'),
      m('b2@x', 'inc-3'),
      m('c1@x', 'inc-4'),
      m('c2@x', 'inc-4'),
      m('e@x', 'inc-5'),
    ];
    const rows = compareThreading(theirs, ours);
    const brief = rows.map((r) => [
      r.verdict,
      r.theirs.map((t) => t.id).join('+'),
      r.ours.map((o) => o.id).join('+'),
      r.messages,
    ]);
    expect(brief).toEqual([
      ['split', 'zd-2', 'inc-2+inc-3', 2],
      ['merged', 'zd-3+zd-4', 'inc-4', 2],
      ['only-there', 'zd-5', '', 0],
      ['only-here', '', 'inc-5', 0],
      ['same', 'zd-1', 'inc-1', 2],
    ]);
  });

  it('is empty when neither side has mail', () => {
    expect(compareThreading([], [])).toEqual([]);
  });
});
