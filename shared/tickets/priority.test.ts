import { describe, expect, it } from 'vitest';
import { anAgent, aTicket, contextFor, sequentialIds } from '../../tests/builders/index.js';
import { type Level, PRIORITIES, priorityOf, priorityRank } from './priority.js';
import { Ticket } from './ticket.js';

// The ITIL matrix written out cell by cell, so a wrong formula cannot hide behind a symmetric one.
const MATRIX: [impact: Level, urgency: Level, priority: string][] = [
  [1, 1, 'P1'],
  [1, 2, 'P2'],
  [1, 3, 'P3'],
  [2, 1, 'P2'],
  [2, 2, 'P3'],
  [2, 3, 'P4'],
  [3, 1, 'P3'],
  [3, 2, 'P4'],
  [3, 3, 'P4'],
];

describe('priorityOf', () => {
  it.each(MATRIX)('impact %i x urgency %i gives %s', (impact, urgency, priority) => {
    expect(priorityOf(impact, urgency)).toBe(priority);
  });

  it('ranks P1 first and P4 last', () => {
    expect(PRIORITIES.map(priorityRank)).toEqual([1, 2, 3, 4]);
  });
});

describe('Ticket priority', () => {
  const alice = anAgent('alice');

  it.each(MATRIX)('a ticket created with impact %i and urgency %i is %s', (impact, urgency, priority) => {
    const created = Ticket.create(
      {
        number: 'INC-1',
        type: 'incident',
        title: 'Mail down',
        description: '',
        requester: { email: 'c@x.example', name: 'C' },
        impact,
        urgency,
        channel: 'web',
      },
      contextFor(alice),
    );
    if (!created.ok) throw new Error(created.error.message);
    expect(created.value.toSnapshot().priority).toBe(priority);
  });

  it.each(MATRIX)('editing to impact %i and urgency %i recomputes %s', (impact, urgency, priority) => {
    // Start from the opposite corner so every cell is a real change of at least one level.
    const ticket = aTicket()
      .ownedBy(alice)
      .withPriority(impact === 1 ? 3 : 1, urgency === 1 ? 3 : 1)
      .build();
    const result = ticket.updateFields({ impact, urgency }, contextFor(alice, undefined, sequentialIds()));
    expect(result.ok).toBe(true);
    expect(ticket.toSnapshot().priority).toBe(priority);
  });
});
