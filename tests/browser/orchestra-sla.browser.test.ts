/**
 * The SLA administration and the routing/notification screens (issues 5, 6 and 22) against one
 * local host: SLA admin with a 422 and a preview, quarantined mail and assist OLAs, the lead's workload, availability and the bell,
 * an offered P1 accepted from the home screen and a personal auto-accept set in Preferences.
 */
import { describe, it } from 'vitest';
import { E2E_STORES } from '../support/e2e-stores.js';
import { adminReprocessesQuarantineAndEditsAnOla, adminRoutesATeamsAssistsToItsMailbox } from './admin-path.js';
import { hostAndBrowserForSuite } from './harness.js';
import {
  agentSwitchesAvailabilityAndReadsTheBell,
  leadSeesWorkload,
  miaAcceptsAnOfferThenTurnsOnAutoAccept,
} from './orchestra-path.js';
import { adminEditsSlaConfiguration } from './sla-admin-path.js';

describe.each(E2E_STORES)('Agent web app: SLA admin, workload and notifications (%s)', { timeout: 90_000 }, (store) => {
  const suite = hostAndBrowserForSuite(store);

  it('lets an admin fix a refused calendar and preview a policy draft', () =>
    adminEditsSlaConfiguration(suite.host, suite.browser));

  it('lets an admin open a ticket from quarantined mail, fix a refused assist OLA and delete one', () =>
    adminReprocessesQuarantineAndEditsAnOla(suite.host, suite.browser));

  it('lets an admin send a team’s assists to its mailbox and take it back', () =>
    adminRoutesATeamsAssistsToItsMailbox(suite.host, suite.browser));

  it('shows a lead the workload and queue of their team', () => leadSeesWorkload(suite.host, suite.browser));

  it('lets an agent switch availability and read notifications from the bell', () =>
    agentSwitchesAvailabilityAndReadsTheBell(suite.host, suite.browser));

  it('shows Mia an offered P1 to accept, and gives her the next one once she turns on auto-accept', () =>
    miaAcceptsAnOfferThenTurnsOnAutoAccept(suite.host, suite.browser));
});
