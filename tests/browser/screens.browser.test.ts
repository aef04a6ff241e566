/**
 * Every screen for everyone: axe on each screen, the 375 px phone layout, hostile email HTML
 * rendered inertly, conflicts, roles and installability. One local host serves them all.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { isInstallable, rolesShapeTheUi, staleChangeRollsBack } from './conflicts-roles-install.js';
import { type LocalHost, launchBrowser, startHost } from './harness.js';
import { hostileEmailIsInert, hostileEmailThroughIngestionIsInert } from './hostile-email.js';
import { noSeriousAxeViolations, worksOnAPhone } from './screens-a11y-phone.js';

describe('Agent web app screens', { timeout: 120_000 }, () => {
  let host: LocalHost;
  let browser: Browser;

  beforeAll(async () => {
    [host, browser] = await Promise.all([startHost(), launchBrowser()]);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
  });

  it('has no serious or critical axe violations on any screen', () => noSeriousAxeViolations(host, browser));

  it('works on a 375 px phone', () => worksOnAPhone(host, browser));

  it('shows a hostile email without executing or loading anything from it', () => hostileEmailIsInert(host, browser));
  it('ingests a hostile email sent by SMTP and shows it without executing or loading anything', () =>
    hostileEmailThroughIngestionIsInert(host, browser));

  it('rolls back a stale change and offers a reload', () => staleChangeRollsBack(host, browser));

  it('shapes actions by role', () => rolesShapeTheUi(host, browser));

  it('is installable with a service worker that never answers /api', () => isInstallable(host, browser));
});
