import { describe, expect, it } from 'vitest';
import { anAgent, aSystem, aTicket, contextFor } from '../../tests/builders/index.js';
import { InMemoryDocumentStore } from '../../tests/fakes/in-memory-document-store.js';
import { type CiFields, createCi } from './ci.js';
import { classRegistry } from './ci-classes.js';
import { CiSuggester, candidateKeys, MAX_SUGGESTIONS } from './ci-suggestions.js';
import { CmdbRepository } from './cmdb-repository.js';

const registry = classRegistry();
const base: CiFields = {
  name: 'x',
  ciClass: 'server',
  status: 'active',
  environment: 'production',
  criticality: 3,
  ownerTeamId: null,
  location: null,
  assetTag: null,
  serial: null,
  hostNames: [],
  ipAddresses: [],
  attributes: {},
  redundancy: null,
};

async function cmdb(cis: Partial<CiFields>[]) {
  const repo = new CmdbRepository(new InMemoryDocumentStore());
  const ctx = contextFor(aSystem());
  const ids: string[] = [];
  for (const over of cis) {
    const made = createCi(registry, { ...base, ...over }, { source: 'agent' }, ctx);
    if (!made.ok) throw new Error(made.error.message);
    await repo.save(made.value.ci, made.value.entry, null, null);
    ids.push(made.value.ci.id);
  }
  return { repo, ids };
}

describe('Suggested CIs from a mail', () => {
  it('takes name-like words first, each once, and the short name of a dotted host', () => {
    expect(candidateKeys('Web-01 is down', 'ping db01.corp.example. failed; web-01 again. ok')).toEqual([
      'web-01',
      'db01.corp.example',
      'db01',
      'down',
      'ping',
      'failed',
      'again',
    ]);
  });

  it('suggests CIs by host name or asset tag in the subject or body, in the order named, and the requester workstation', async () => {
    const { repo, ids } = await cmdb([
      { name: 'web-01', hostNames: ['web01.corp.example'] },
      {
        name: 'Laptop Carol',
        ciClass: 'workstation',
        assetTag: 'LAP-0042',
        attributes: { assignedTo: 'Carol@Customer.example' },
      },
      { name: 'db-01', hostNames: ['db01'], assetTag: 'AT-9' },
      { name: 'old', hostNames: ['old01'], status: 'retired' },
      { name: 'unrelated', hostNames: ['mail01'] },
    ]);
    const [web, laptop, db] = ids;
    const suggestions = await new CiSuggester(repo).forMail({
      subject: 'DB01.corp.example slow',
      body: 'Also web01.corp.example and old01 time out. My laptop is at-9? No, LAP-0042.',
      requesterEmail: 'carol@customer.example',
    });
    expect(suggestions).toEqual([
      { ciId: db, reason: 'host_name', matched: 'db01' },
      { ciId: web, reason: 'host_name', matched: 'web01.corp.example' },
      { ciId: laptop, reason: 'asset_tag', matched: 'lap-0042' },
    ]);
    const fromOther = await new CiSuggester(repo).forMail({
      subject: 'Hello',
      body: 'Nothing named here',
      requesterEmail: 'carol@customer.example',
    });
    expect(fromOther).toEqual([{ ciId: laptop, reason: 'workstation', matched: 'carol@customer.example' }]);
  });

  it('suggests at most ten CIs from one mail and nothing when the CMDB cannot be read', async () => {
    const { repo } = await cmdb(Array.from({ length: 12 }, (_, i) => ({ name: `n${i}`, hostNames: [`srv-${i}`] })));
    const many = await new CiSuggester(repo).forMail({
      subject: 'all down',
      body: Array.from({ length: 12 }, (_, i) => `srv-${i}`).join(' '),
      requesterEmail: 'x@y.example',
    });
    expect(many).toHaveLength(MAX_SUGGESTIONS);
    const errors: unknown[] = [];
    const broken = new CiSuggester({ keysIn: async () => Promise.reject(new Error('down')) }, (e) => errors.push(e));
    expect(await broken.forMail({ subject: 'srv-1', body: '', requesterEmail: 'x@y.example' })).toEqual([]);
    expect(errors).toHaveLength(1);
  });
});

describe('Suggested CIs on the ticket', () => {
  const alice = anAgent('alice');
  const mail = contextFor(aSystem('ci-suggestions'));

  it('lists suggestions without setting them, then an accept makes the CI affected (primary when first)', () => {
    const ticket = aTicket().ownedBy(alice).withStatus('open').build();
    const made = ticket.suggestCis([{ ciId: 'ci_a', reason: 'host_name', matched: 'web01' }], mail);
    expect(made).toEqual({ ok: true, value: { added: 1 } });
    expect(ticket.toSnapshot().affectedCis ?? []).toEqual([]);
    expect(ticket.toSnapshot().suggestedCis).toMatchObject([{ ciId: 'ci_a', dismissed: false }]);
    expect(ticket.pendingChanges().entries.map((e) => [e.kind, e.body])).toEqual([
      ['cis_suggested', 'Suggested CIs: host name web01'],
    ]);
    expect(ticket.acceptSuggestedCi('ci_a', contextFor(alice)).ok).toBe(true);
    expect(ticket.toSnapshot().affectedCis).toEqual([{ ciId: 'ci_a', primary: true }]);
    expect(ticket.toSnapshot().suggestedCis).toEqual([]);
    expect(ticket.toSnapshot().ownerId).toBe('alice');
    const accepted = ticket.pendingChanges().entries.at(-1);
    expect(accepted).toMatchObject({
      kind: 'cis_changed',
      data: { added: ['ci_a'], acceptedSuggestion: { reason: 'host_name' } },
    });
  });

  it('keeps a dismissed suggestion so the next mail does not suggest it again; skips affected CIs', () => {
    const ticket = aTicket()
      .ownedBy(alice)
      .withStatus('open')
      .with({ affectedCis: [{ ciId: 'ci_x', primary: true }] })
      .build();
    ticket.suggestCis(
      [
        { ciId: 'ci_a', reason: 'asset_tag', matched: 'at-1' },
        { ciId: 'ci_x', reason: 'host_name', matched: 'x' },
      ],
      mail,
    );
    expect(ticket.dismissSuggestedCi('ci_a', contextFor(alice)).ok).toBe(true);
    expect(ticket.suggestCis([{ ciId: 'ci_a', reason: 'asset_tag', matched: 'at-1' }], mail)).toEqual({
      ok: true,
      value: { added: 0 },
    });
    expect(ticket.toSnapshot().suggestedCis).toMatchObject([{ ciId: 'ci_a', dismissed: true }]);
    const again = ticket.acceptSuggestedCi('ci_a', contextFor(alice));
    expect(again.ok || again.error.code).toBe('CI.SUGGESTION_NOT_FOUND');
  });

  it('refuses suggestions from anyone but the system and accepts them only from those who may edit the CIs', () => {
    const ticket = aTicket().ownedBy(alice).withStatus('open').build();
    const byAgent = ticket.suggestCis([{ ciId: 'ci_a', reason: 'host_name', matched: 'a' }], contextFor(alice));
    expect(byAgent.ok || byAgent.error.code).toBe('AUTH.FORBIDDEN');
    ticket.suggestCis([{ ciId: 'ci_a', reason: 'host_name', matched: 'a' }], mail);
    const byOther = ticket.acceptSuggestedCi('ci_a', contextFor(anAgent('bob')));
    expect(byOther.ok || byOther.error.code).toBe('TICKET.NOT_OWNER');
  });
});
