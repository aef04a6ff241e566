import { beforeEach, describe, expect, it } from 'vitest';
import type { StoredDocument } from '../../../shared/ports/document-store.js';
import { invoke } from '../../../tests/support/invoke.js';
import { type TestWorld, testWorld } from '../../../tests/support/test-services.js';
import { createTicketFunction } from '../tickets/create-ticket.function.js';
import { getTicketFunction } from '../tickets/get-ticket.function.js';
import {
  acceptProblemSuggestionFunction,
  dismissProblemSuggestionFunction,
  listProblemSuggestionsFunction,
} from './problem-suggestions.functions.js';

const ALICE = 'alice@demo.local';

interface Suggestion {
  id: string;
  ticketIds: string[];
  titles: string[];
  reason: string;
}

describe('suggested problems: the clustering timer and its queue', () => {
  let world: TestWorld;
  const call = (def: Parameters<typeof invoke>[0], options: Parameters<typeof invoke>[2]) =>
    invoke(def, world.services, options);

  /** An incident on a CI (written as the CMDB's "affected CIs" would leave it). */
  const onCi = async (title: string, ciId: string): Promise<string> => {
    const made = await call(createTicketFunction, {
      as: ALICE,
      body: { title, requester: { email: 'pat@customer.example', name: 'Pat' } },
    });
    const { id } = made.json as { id: string };
    const found = await world.store.read<StoredDocument>('tickets', id, id);
    const doc = { ...(found?.doc as object), affectedCis: [{ ciId, primary: true }] } as unknown as StoredDocument;
    await world.store.batch('tickets', id, [{ op: 'replace', doc, ifMatch: found?.etag as string }]);
    return id;
  };
  const queue = async (state = 'open') =>
    (
      (await call(listProblemSuggestionsFunction, { as: ALICE, path: `problem-suggestions?state=${state}` })).json as {
        items: Suggestion[];
      }
    ).items;

  beforeEach(async () => {
    world = await testWorld();
  });

  it('suggests recurring incidents, accepts into a problem with them linked, and remembers a dismissal', async () => {
    const vpn = [
      await onCi('VPN drops every afternoon', 'ci_vpn'),
      await onCi('VPN connection drops again', 'ci_vpn'),
      await onCi('The VPN drops during calls', 'ci_vpn'),
    ];
    const printer = [
      await onCi('Printer jams on tray 2', 'ci_prn'),
      await onCi('Printer jams again', 'ci_prn'),
      await onCi('Printer tray jams', 'ci_prn'),
    ];
    await onCi('Password reset', 'ci_vpn');
    expect(await world.services.problemSuggestions.run()).toEqual({ open: 2, considered: 7 });
    const open = await queue();
    const vpnSuggestion = open.find((s) => s.ticketIds.includes(vpn[0] as string)) as Suggestion;
    expect(vpnSuggestion).toMatchObject({ reason: 'same_ci', ticketIds: vpn });
    const accepted = await call(acceptProblemSuggestionFunction, { as: ALICE, params: { id: vpnSuggestion.id } });
    expect(accepted.status).toBe(201);
    expect(accepted.json).toMatchObject({
      clusterKey: 'ci:ci_vpn',
      links: vpn.map((id) => ({ id, kind: 'has_symptom' })),
    });
    expect((await call(getTicketFunction, { as: ALICE, params: { id: vpn[0] as string } })).json).toMatchObject({
      links: [{ practice: 'problem', kind: 'symptom_of' }],
    });
    const printerSuggestion = open.find((s) => s.ticketIds.includes(printer[0] as string)) as Suggestion;
    expect(
      (await call(dismissProblemSuggestionFunction, { as: ALICE, params: { id: printerSuggestion.id } })).status,
    ).toBe(200);
    expect(
      (await call(dismissProblemSuggestionFunction, { as: ALICE, params: { id: printerSuggestion.id } })).json,
    ).toMatchObject({ code: 'PROBLEM.SUGGESTION_NOT_FOUND' });
    // Another jam arrives: the dismissed cluster stays dismissed; the linked VPN incidents are not suggested again.
    await onCi('Printer jams on every job', 'ci_prn');
    expect(await world.services.problemSuggestions.run()).toMatchObject({ open: 0 });
    expect(await queue()).toEqual([]);
    expect((await queue('dismissed')).map((s) => s.id)).toEqual([printerSuggestion.id]);
    expect((await queue('accepted')).map((s) => s.id)).toEqual([vpnSuggestion.id]);
  });
});
