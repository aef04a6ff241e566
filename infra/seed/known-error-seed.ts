/**
 * The demo's known error database (issue 17): three published known errors that the demo's
 * Outlook, VPN and printer incidents are offered (same words, same CIs), and one candidate: an
 * incident whose answered assist was promoted into a draft, waiting in the candidates queue.
 */

import type { Actor } from '../../shared/kernel/actor.js';
import type { Result } from '../../shared/kernel/result.js';
import type { KnownErrorUseCases } from '../../shared/known-errors/known-error-use-cases.js';
import type { TicketUseCases } from '../../shared/use-cases/ticket-use-cases.js';

const must = <T>(result: Result<T>, what: string): T => {
  if (!result.ok) throw new Error(`demo seed: ${what}: ${result.error.message}`);
  return result.value;
};

export async function seedKnownErrors(
  knownErrors: KnownErrorUseCases,
  tickets: TicketUseCases,
  actors: { readonly lee: Actor; readonly dave: Actor },
  ciIds: { readonly vpn?: string; readonly printer?: string; readonly email?: string; readonly remote?: string },
): Promise<void> {
  const publish = async (input: Parameters<KnownErrorUseCases['create']>[0]) => {
    const made = must(await knownErrors.create(input, actors.lee), input.title);
    must(await knownErrors.act(made.knownError.id, 'publish', actors.lee), `publish ${input.title}`);
  };
  const ids = (...values: (string | undefined)[]) => values.filter((v): v is string => v !== undefined);
  await publish({
    title: 'Outlook keeps asking for the password after the password change',
    symptoms:
      'Outlook prompts for the password again and again after a password change; the credentials prompt returns even with the right password.',
    rootCause: 'Stale credentials cached in Windows Credential Manager for the Exchange endpoint.',
    workaround:
      'Close Outlook, open Credential Manager, remove the entries starting with MicrosoftOffice16_Data, then start Outlook and sign in once.',
    errorCodes: ['0x80070005'],
    serviceIds: ids(ciIds.email),
  });
  await publish({
    title: 'Cannot connect to the VPN from home networks using 192.168.1.0/24',
    symptoms:
      'The VPN client connects but no internal site opens from home; users whose home router uses 192.168.1.x cannot reach anything.',
    rootCause: 'The home subnet overlaps the office subnet routed through the VPN gateway.',
    workaround:
      'Change the home router to another subnet (192.168.50.0/24) or use the split-tunnel profile "Home-Alt".',
    errorCodes: ['GP-ERR-12'],
    ciIds: ids(ciIds.vpn),
    serviceIds: ids(ciIds.remote),
  });
  await publish({
    title: 'Printer jams on every job after the tray firmware update',
    symptoms: 'The floor printer reports a paper jam on every print job although no paper is stuck (tray 2).',
    rootCause: 'Firmware 4.11 misreads the tray 2 sensor.',
    workaround: 'Print from tray 1 (set it as default in the printer properties) until firmware 4.12 is installed.',
    errorCodes: ['13.B2.D1'],
    ciIds: ids(ciIds.printer),
  });
  // A candidate: an expert's answer promoted into a draft by the incident's owner.
  const teams = must(
    await tickets.create(
      {
        type: 'incident',
        title: 'Teams calls lose audio after docking the laptop',
        description: 'Since the new docking stations, Teams calls lose audio as soon as the laptop is docked.',
        requester: { email: 'sara.kim@customer.example', name: 'Sara Kim' },
        impact: 3,
        urgency: 2,
        teamId: 'service-desk',
        channel: 'email',
      },
      actors.lee,
    ),
    'teams incident',
  ).ticket.id;
  // The lead owns it and resolves it after the promotion: the demo's open queues stay as they were.
  must(await tickets.accept(teams, actors.lee), 'accept teams');
  const assist = must(
    await tickets.requestAssist(
      teams,
      { expert: { agentId: 'ag_dave' }, question: 'Why does Teams lose audio when the laptop is docked?' },
      actors.lee,
    ),
    'assist',
  );
  must(
    await tickets.actOnAssist(
      assist.value,
      'answer',
      {
        body: 'The dock exposes its own audio device and Teams switches to it. Set the headset as the default communication device in Teams settings > Devices.',
        proposeReply: false,
      },
      actors.dave,
    ),
    'answer',
  );
  must(await knownErrors.promoteAssist(teams, assist.value, actors.lee), 'promote');
  must(
    await tickets.changeStatus(
      teams,
      { status: 'resolved', reason: 'Headset set as the Teams default device' },
      actors.lee,
    ),
    'resolve teams',
  );
}
