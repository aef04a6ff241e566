/**
 * The SLA administration and the routing/notification screens (issues 5 and 6) against one
 * local host: SLA admin with a 422 and a preview, the lead's workload, availability and the bell.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { type LocalHost, launchBrowser, startHost } from './harness.js';
import { agentSwitchesAvailabilityAndReadsTheBell, leadSeesWorkload } from './orchestra-path.js';
import { adminEditsSlaConfiguration } from './sla-admin-path.js';

describe('Agent web app: SLA admin, workload and notifications', { timeout: 90_000 }, () => {
  let host: LocalHost;
  let browser: Browser;

  beforeAll(async () => {
    [host, browser] = await Promise.all([startHost(), launchBrowser()]);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
  });

  it('lets an admin fix a refused calendar and preview a policy draft', () =>
    adminEditsSlaConfiguration(host, browser));

  it('shows a lead the workload and queue of their team', () => leadSeesWorkload(host, browser));

  it('lets an agent switch availability and read notifications from the bell', () =>
    agentSwitchesAvailabilityAndReadsTheBell(host, browser));
});
