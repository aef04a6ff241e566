/**
 * The main path through the agent app, once by mouse and once keyboard only, against one local
 * host (the two runs use different seeded tickets, so they do not interfere).
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { type LocalHost, launchBrowser, startHost } from './harness.js';
import { mainPathByKeyboard } from './path-by-keyboard.js';
import { mainPathByMouse } from './path-by-mouse.js';

describe('Agent web app main path', { timeout: 120_000 }, () => {
  let host: LocalHost;
  let browser: Browser;

  beforeAll(async () => {
    [host, browser] = await Promise.all([startHost(), launchBrowser()]);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
  });

  it('takes a ticket from accept through two parallel assists to reply and resolve', () =>
    mainPathByMouse(host, browser));

  it('runs the same path keyboard only', () => mainPathByKeyboard(host, browser));
});
