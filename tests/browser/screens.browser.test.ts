/**
 * Every screen for everyone: axe on each screen and visible focus in both themes, screenshots in both themes, the 375 px phone layout,
 * hostile email HTML rendered inertly, conflicts, roles and installability. One local host serves them all.
 */
import { describe, it } from 'vitest';
import { E2E_STORES } from '../support/e2e-stores.js';
import { isInstallable, rolesShapeTheUi, staleChangeRollsBack } from './conflicts-roles-install.js';
import { hostAndBrowserForSuite } from './harness.js';
import { hostileEmailIsInert, hostileEmailThroughIngestionIsInert } from './hostile-email.js';
import {
  noSeriousAxeViolationsForAgents,
  noSeriousAxeViolationsForLeadsAndAdmins,
  worksOnAPhone,
} from './screens-a11y-phone.js';
import { focusIsVisibleOnEveryScreen } from './screens-focus.js';
import { everyScreenInBothThemes } from './screens-themes.js';

describe.each(E2E_STORES)('Agent web app screens (%s)', { timeout: 120_000 }, (store) => {
  const suite = hostAndBrowserForSuite(store);

  it("has no serious or critical axe violation on the agents' screens, in the light and the dark theme", () =>
    noSeriousAxeViolationsForAgents(suite.host, suite.browser));
  it("has no serious or critical axe violation on the leads' and admins' screens, in both themes", () =>
    noSeriousAxeViolationsForLeadsAndAdmins(suite.host, suite.browser));

  it('shows where the keyboard focus is on every screen', () => focusIsVisibleOnEveryScreen(suite.host, suite.browser));

  it('draws every screen in the light and the dark theme (screenshots)', () =>
    everyScreenInBothThemes(suite.host, suite.browser));

  it('works on a 375 px phone', () => worksOnAPhone(suite.host, suite.browser));

  it('shows a hostile email without executing or loading anything from it', () =>
    hostileEmailIsInert(suite.host, suite.browser));
  it('ingests a hostile email sent by SMTP and shows it without executing or loading anything', () =>
    hostileEmailThroughIngestionIsInert(suite.host, suite.browser));

  it('rolls back a stale change and offers a reload', () => staleChangeRollsBack(suite.host, suite.browser));

  it('shapes actions by role', () => rolesShapeTheUi(suite.host, suite.browser));

  it('is installable with a service worker that never answers /api', () => isInstallable(suite.host, suite.browser));
});
