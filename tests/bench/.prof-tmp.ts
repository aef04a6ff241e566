import { planRules } from '../../shared/rules/rule-engine.js';
import { ZRuleInput, type Rule } from '../../shared/rules/rule-schema.js';
import { aTicket } from '../../tests/builders/index.js';
const rules: Rule[] = Array.from({ length: 200 }, (_, i) => {
  const input = ZRuleInput.parse({
    name: `rule ${i}`,
    trigger: { kind: 'event', events: i % 4 === 0 ? ['ticket.created'] : ['ticket.updated', 'ticket.created'] },
    conditions: { all: [
      { field: 'priority', op: 'in', values: ['P1', 'P2'] },
      { any: [ { field: 'title', op: 'contains', value: `word${i}`, ignoreCase: true }, { field: 'tags', op: 'contains', value: `t${i % 7}` } ] },
      { field: 'title', op: 'matches', pattern: `(vpn|printer|disk)\\s+\\w+ ${i % 10}`, ignoreCase: true },
      { field: 'priority', op: 'changed' },
    ] },
    actions: [{ type: 'add_note', body: `note ${i}` }],
  });
  return { ...input, id: `r${i}`, order: i, createdAt: '', updatedAt: '' };
});
const ticket = { ...aTicket().build().toSnapshot(), priority: 'P2' as const, title: 'VPN drops 3 times an hour', tags: ['t3'] };
const facts = { ticket, event: { id: 'ev', type: 'ticket.updated', occurredAt: '', actor: null, data: { changes: { priority: { from: 'P3', to: 'P2' } } } }, assist: null, now: new Date() };
const t0 = performance.now();
let n = 0;
while (performance.now() - t0 < 4000) { planRules(rules, facts); n++; }
console.log('per eval µs', (4000 / n) * 1000);
