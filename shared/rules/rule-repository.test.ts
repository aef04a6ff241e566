/**
 * The repository compiles the rule set once per rules version: re-reads that find the same
 * rules reuse it, and a save (here or, after the TTL, by another instance) rebuilds it.
 */
import { describe, expect, it } from 'vitest';
import { InMemoryDocumentStore } from '../../tests/fakes/in-memory-document-store.js';
import { ManualClock } from '../../tests/support/test-services.js';
import { RuleRepository } from './rule-repository.js';
import { type Rule, ZRuleInput } from './rule-schema.js';

const rule = (id: string, events: string[], enabled = true): Rule => ({
  ...ZRuleInput.parse({
    name: id,
    enabled,
    trigger: { kind: 'event', events },
    actions: [{ type: 'add_note', body: 'n' }],
  }),
  id,
  order: 0,
  createdAt: '',
  updatedAt: '',
});

const ids = (set: Awaited<ReturnType<RuleRepository['compiled']>>, type: string) =>
  (set.byEvent.get(type) ?? []).map((c) => c.rule.id);

describe('RuleRepository.compiled', () => {
  it('reuses the compiled set while the rules are unchanged, even after the cache expires', async () => {
    const clock = new ManualClock();
    const repo = new RuleRepository(new InMemoryDocumentStore(), clock, 1_000);
    await repo.save([{ rule: rule('a', ['ticket.created']) }]);
    const first = await repo.compiled();
    clock.advance(5_000);
    expect(await repo.compiled()).toBe(first);
  });

  it('rebuilds it after a save, with only the enabled rules, bucketed by event type', async () => {
    const repo = new RuleRepository(new InMemoryDocumentStore(), new ManualClock());
    await repo.save([{ rule: rule('a', ['ticket.created']) }]);
    const before = await repo.compiled();
    await repo.save([
      { rule: rule('b', ['ticket.created', 'email.received']) },
      { rule: rule('c', ['ticket.created'], false) },
    ]);
    const after = await repo.compiled();
    expect(after).not.toBe(before);
    expect(ids(after, 'ticket.created')).toEqual(['a', 'b']);
    expect(ids(after, 'ticket.email_received')).toEqual(['b']);
    expect(after.size).toBe(2);
  });

  it('rebuilds it when a rule changes under the same id', async () => {
    const clock = new ManualClock();
    const store = new InMemoryDocumentStore();
    const mine = new RuleRepository(store, clock, 1_000);
    await mine.save([{ rule: rule('a', ['ticket.created']) }]);
    expect(ids(await mine.compiled(), 'ticket.created')).toEqual(['a']);
    await new RuleRepository(store, clock).save([{ rule: rule('a', ['ticket.updated']) }]);
    clock.advance(1_000);
    const after = await mine.compiled();
    expect(ids(after, 'ticket.created')).toEqual([]);
    expect(ids(after, 'ticket.updated')).toEqual(['a']);
  });

  it('sees another instance’s change once its cache expires', async () => {
    const store = new InMemoryDocumentStore();
    const clock = new ManualClock();
    const mine = new RuleRepository(store, clock, 1_000);
    const theirs = new RuleRepository(store, clock, 1_000);
    await mine.save([{ rule: rule('a', ['ticket.created']) }]);
    expect(ids(await mine.compiled(), 'ticket.created')).toEqual(['a']);
    await theirs.remove('a');
    clock.advance(1_000);
    expect(ids(await mine.compiled(), 'ticket.created')).toEqual([]);
  });
});
