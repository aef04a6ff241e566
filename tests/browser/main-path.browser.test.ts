/**
 * The main path through the agent app, once by mouse and once keyboard only, against one local
 * host (the two runs use different seeded tickets, so they do not interfere).
 */
import { describe, it } from 'vitest';
import { E2E_STORES } from '../support/e2e-stores.js';
import { hostAndBrowserForSuite } from './harness.js';
import { mainPathByKeyboard } from './path-by-keyboard.js';
import { mainPathByMouse } from './path-by-mouse.js';

describe.each(E2E_STORES)('Agent web app main path (%s)', { timeout: 120_000 }, (store) => {
  const suite = hostAndBrowserForSuite(store);

  it('takes a ticket from accept through two parallel assists to reply and resolve', () =>
    mainPathByMouse(suite.host, suite.browser));

  it('runs the same path keyboard only', () => mainPathByKeyboard(suite.host, suite.browser));
});
