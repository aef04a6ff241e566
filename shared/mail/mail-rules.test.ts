import { describe, expect, it } from 'vitest';
import { detectAutomaticMail, failedRecipientsOf } from './automatic-mail.js';
import { cleanBody } from './body-cleanup.js';
import { mailKey } from './mail-keys.js';
import type { ParsedEmail } from './parsed-email.js';
import { messageIdsIn } from './parsed-email.js';
import { SignedIds } from './signed-ids.js';
import { outboundSubject, stripReplyPrefixes, ticketNumbersIn, titleFromSubject } from './subject.js';

/** A deterministic stand-in for the HMAC adapter: good enough to test what the core does with it. */
const signer = {
  sign: (v: string) => `s${[...v].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7).toString(36)}`,
  verify: (v: string, s: string) => signer.sign(v) === s,
};

const parsed = (over: Partial<ParsedEmail> = {}): ParsedEmail => ({
  messageId: 'm@x',
  inReplyTo: [],
  references: [],
  from: { address: 'carol@example.com', name: 'Carol' },
  replyTo: [],
  to: [],
  cc: [],
  subject: 'Printer',
  date: null,
  text: 'hi',
  html: null,
  headers: {},
  attachments: [],
  contentType: 'text/plain',
  deliveryStatus: null,
  embeddedMessageIds: [],
  ...over,
});

describe('subjects', () => {
  it('strips reply and forward prefixes in several languages, repeatedly', () => {
    expect(stripReplyPrefixes('Re: AW: Fwd: WG: SV: Printer')).toBe('Printer');
    expect(stripReplyPrefixes('RE[2]: Printer')).toBe('Printer');
    expect(stripReplyPrefixes('Regarding the printer')).toBe('Regarding the printer');
  });

  it('makes a title without our ticket tag and never an empty one', () => {
    expect(titleFromSubject('Re: [INC-1042] Printer jams')).toBe('Printer jams');
    expect(titleFromSubject('[ops-list] Disk full')).toBe('[ops-list] Disk full');
    expect(titleFromSubject('  Re:  ')).toBe('(no subject)');
  });

  it('finds ticket numbers and keeps exactly one in outbound subjects', () => {
    expect(ticketNumbersIn('Re: [inc-1042] and REQ-7, again INC-1042')).toEqual(['INC-1042', 'REQ-7']);
    expect(outboundSubject('INC-1042', 'Printer')).toBe('[INC-1042] Printer');
    expect(outboundSubject('INC-1042', 'Re: [INC-1042] Printer')).toBe('Re: [INC-1042] Printer');
  });
});

describe('signed ids', () => {
  const ids = new SignedIds(signer, 'Support@Demo.local');

  it('reads back the ticket of our own Message-ID and reply address', () => {
    expect(ids.ticketOfMessageId(ids.messageId('t_ABC', 7))).toBe('t_ABC');
    expect(ids.ticketOfAddress(ids.replyAddress('t_ABC'))).toBe('t_ABC');
  });

  it('refuses an altered ticket id, sequence or signature', () => {
    const id = ids.messageId('t_ABC', 7);
    expect(ids.ticketOfMessageId(id.replace('t_ABC', 't_ABD'))).toBeNull();
    expect(ids.ticketOfMessageId(id.replace('.7.', '.8.'))).toBeNull();
    expect(ids.ticketOfMessageId('itn.t_ABC.7.sxxxxx@demo.local')).toBeNull();
    expect(ids.ticketOfAddress('support+t_ABC.sxxxxx@demo.local')).toBeNull();
  });

  it('knows our own addresses', () => {
    expect(ids.isOwnAddress('SUPPORT@demo.local')).toBe(true);
    expect(ids.isOwnAddress('support+t_x.y@demo.local')).toBe(true);
    expect(ids.isOwnAddress('supporter@demo.local')).toBe(false);
    expect(ids.isOwnAddress('support@other.example')).toBe(false);
  });
});

describe('automatic mail', () => {
  const own = (a: string) => a === 'support@demo.local';

  it('treats ordinary mail as written by a person', () => {
    expect(detectAutomaticMail(parsed(), own)).toBeNull();
    expect(detectAutomaticMail(parsed({ headers: { 'auto-submitted': ['no'] } }), own)).toBeNull();
  });

  it('recognises auto-replies, out-of-office, lists, loops and our own mail', () => {
    expect(detectAutomaticMail(parsed({ headers: { 'auto-submitted': ['auto-replied'] } }), own)?.kind).toBe(
      'auto-reply',
    );
    expect(detectAutomaticMail(parsed({ subject: 'Out of Office: Printer' }), own)?.kind).toBe('out-of-office');
    expect(
      detectAutomaticMail(parsed({ subject: 'Automatische Antwort', headers: { 'x-autoreply': ['yes'] } }), own)?.kind,
    ).toBe('out-of-office');
    expect(detectAutomaticMail(parsed({ headers: { precedence: ['bulk'] } }), own)?.kind).toBe('bulk');
    expect(detectAutomaticMail(parsed({ headers: { 'list-id': ['<ops.example.com>'] } }), own)?.kind).toBe('bulk');
    expect(detectAutomaticMail(parsed({ headers: { 'x-loop': ['support@demo.local'] } }), own)?.kind).toBe('loop');
    expect(detectAutomaticMail(parsed({ from: { address: 'support@demo.local', name: '' } }), own)?.kind).toBe(
      'own-address',
    );
  });

  it('recognises bounces and reads the failed recipients of the report', () => {
    const report =
      'Reporting-MTA: dns; mx\n\nFinal-Recipient: rfc822; Carol@Example.com\nAction: failed\n\nFinal-Recipient: rfc822; ok@example.com\nAction: delivered\n';
    expect(failedRecipientsOf(report)).toEqual(['carol@example.com']);
    const bounce = detectAutomaticMail(
      parsed({ contentType: 'multipart/report; report-type=delivery-status; boundary=x', text: report }),
      own,
    );
    expect(bounce).toMatchObject({ kind: 'bounce', failedRecipients: ['carol@example.com'] });
    expect(
      detectAutomaticMail(
        parsed({ from: { address: 'mailer-daemon@mx.example', name: '' }, subject: 'Undeliverable: Printer' }),
        own,
      )?.kind,
    ).toBe('bounce');
  });
});

describe('body clean-up', () => {
  it('cuts quoted history and the signature, and says so', () => {
    const text =
      'Tray 2 works.\n\nThanks\n-- \nCarol\nACME\n\nOn Mon, 3 Mar 2025 at 10:00, Support <support@demo.local> wrote:\n> Try tray 2';
    expect(cleanBody(text)).toEqual({ main: 'Tray 2 works.\n\nThanks', trimmed: true });
  });

  it('cuts Outlook header blocks but keeps a From: line in the prose', () => {
    expect(
      cleanBody('Done.\n\nFrom: Support <support@demo.local>\nSent: Monday\nTo: Carol\nSubject: x\n\nold').main,
    ).toBe('Done.');
    expect(cleanBody('From: my laptop the printer is not visible.').main).toBe(
      'From: my laptop the printer is not visible.',
    );
  });

  it('keeps inline answers between quotes and never empties a message', () => {
    expect(cleanBody('> question 1\nanswer 1\n> question 2\nanswer 2').main).toContain('answer 2');
    expect(cleanBody('> only a quote').main).toBe('> only a quote');
  });
});

describe('mail keys and message ids', () => {
  it('makes id-safe, bounded keys that keep distinct ids apart', () => {
    expect(mailKey('a/b?c#d@x')).not.toMatch(/[/?#\\]/);
    expect(mailKey('a/b@x')).not.toBe(mailKey('a?b@x'));
    const long = 'x'.repeat(500);
    expect(mailKey(long).length).toBeLessThanOrEqual(180);
    expect(mailKey(long)).not.toBe(mailKey(`${long}y`));
  });

  it('splits References headers, bracketed or not', () => {
    expect(messageIdsIn('<a@x> <b@y>\r\n <c@z>')).toEqual(['a@x', 'b@y', 'c@z']);
    expect(messageIdsIn('a@x, b@y')).toEqual(['a@x', 'b@y']);
  });
});
