import { describe, expect, it } from 'vitest';
import { anAgent, anExpert, aTicket, contextFor, systemActor } from '../../tests/builders/index.js';
import type { Actor } from '../kernel/actor.js';
import {
  ASSIST_ACTIONS,
  ASSIST_STATES,
  type AssistAction,
  type AssistState,
  isOpenAssistState,
  nextAssistState,
} from './assist-state.js';

// The lifecycle written out independently of assist-state.ts. timed_out stays open to a late answer.
const EXPECTED: Record<AssistState, Partial<Record<AssistAction, AssistState>>> = {
  requested: {
    accept: 'accepted',
    contribute: 'accepted',
    answer: 'answered',
    decline: 'declined',
    withdraw: 'withdrawn',
    time_out: 'timed_out',
  },
  accepted: {
    contribute: 'accepted',
    answer: 'answered',
    decline: 'declined',
    withdraw: 'withdrawn',
    time_out: 'timed_out',
  },
  timed_out: { contribute: 'timed_out', answer: 'answered', decline: 'declined', withdraw: 'withdrawn' },
  answered: {},
  declined: {},
  withdrawn: {},
};
const PAIRS = ASSIST_STATES.flatMap((state) => ASSIST_ACTIONS.map((action) => [state, action] as const));
const ALLOWED = PAIRS.filter(([s, a]) => EXPECTED[s][a] !== undefined).map(
  ([s, a]) => [s, a, EXPECTED[s][a] as AssistState] as const,
);
const REFUSED = PAIRS.filter(([s, a]) => EXPECTED[s][a] === undefined);

const alice = anAgent('alice');
const ed = anExpert('ed');
/** The one actor each action is meant for, so only the state decides. */
const ACTOR_FOR: Record<AssistAction, Actor> = {
  accept: ed,
  contribute: ed,
  answer: ed,
  decline: ed,
  withdraw: alice,
  time_out: systemActor,
};

const ticketWithAssistIn = (state: AssistState) => {
  const ticket = aTicket().ownedBy(alice).withStatus('open').withAssist(ed, { state }).build();
  return { ticket, assistId: ticket.assists()[0]?.id as string };
};

describe('assist state table', () => {
  it.each(PAIRS)('nextAssistState(%s, %s) matches the lifecycle', (state, action) => {
    expect(nextAssistState(state, action)).toBe(EXPECTED[state][action]);
  });

  it('counts requested, accepted and timed_out as open', () => {
    expect(ASSIST_STATES.filter(isOpenAssistState)).toEqual(['requested', 'accepted', 'timed_out']);
  });
});

describe('Ticket.actOnAssist against the table', () => {
  it.each(ALLOWED)('in %s, %s leads to %s', (state, action, to) => {
    const { ticket, assistId } = ticketWithAssistIn(state);
    const result = ticket.actOnAssist(assistId, action, 'some text', contextFor(ACTOR_FOR[action]));
    expect(result).toEqual({ ok: true, value: undefined });
    const assist = ticket.assists()[0];
    expect(assist?.state).toBe(to);
    expect(assist?.closedAt === null).toBe(isOpenAssistState(to));
    expect(ticket.toSnapshot().openAssistCount).toBe(isOpenAssistState(to) ? 1 : 0);
    const last = ticket.pendingChanges().entries.at(-1);
    expect(last).toMatchObject({ assistId, data: { from: state, to } });
    expect(ticket.pendingChanges().assists.map((a) => a.id)).toEqual([assistId]);
  });

  it.each(REFUSED)('in %s, %s is refused with a typed error', (state, action) => {
    const { ticket, assistId } = ticketWithAssistIn(state);
    const before = ticket.toSnapshot();
    const result = ticket.actOnAssist(assistId, action, 'some text', contextFor(ACTOR_FOR[action]));
    if (result.ok) throw new Error(`${action} in ${state} was allowed`);
    if (state === 'answered') {
      expect(result.error.code).toBe('ASSIST.ALREADY_ANSWERED');
    } else {
      expect(result.error.code).toBe('ASSIST.ILLEGAL_TRANSITION');
      expect(result.error.details).toEqual({ state, action });
    }
    expect(ticket.assists()[0]?.state).toBe(state);
    expect(ticket.toSnapshot()).toEqual(before);
    expect(ticket.pendingChanges()).toEqual({ entries: [], events: [], assists: [] });
  });

  // The owner's follow-up message is a contribution too: a closed assist refuses it the same way.
  it.each(ASSIST_STATES.filter((s) => !isOpenAssistState(s)))('in %s, an owner follow-up is refused', (state) => {
    const { ticket, assistId } = ticketWithAssistIn(state);
    const result = ticket.actOnAssist(assistId, 'contribute', 'any news?', contextFor(alice));
    expect(result.ok ? 'ok' : result.error.code).toBe(
      state === 'answered' ? 'ASSIST.ALREADY_ANSWERED' : 'ASSIST.ILLEGAL_TRANSITION',
    );
    expect(ticket.pendingChanges().entries).toEqual([]);
  });
});
