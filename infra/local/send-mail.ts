/**
 * `npm run mail -- --from a@b.c --subject "Printer broken" --body "It jams"`: sends a test
 * message to the local SMTP listener, as a customer's mail client would.
 * Options: --to (default SUPPORT_ADDRESS or support@demo.local), --cc, --in-reply-to <id>,
 * --attach <file> (repeatable), --html <html>, --port (default SMTP_PORT or 2525), --host.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import nodemailer from 'nodemailer';

const { values } = parseArgs({
  options: {
    from: { type: 'string' },
    to: { type: 'string' },
    cc: { type: 'string' },
    subject: { type: 'string', default: 'Test message' },
    body: { type: 'string', default: 'Hello from npm run mail.' },
    html: { type: 'string' },
    'in-reply-to': { type: 'string' },
    attach: { type: 'string', multiple: true },
    port: { type: 'string' },
    host: { type: 'string', default: '127.0.0.1' },
  },
});

async function main(): Promise<void> {
  if (!values.from) throw new Error('--from is required (the customer address)');
  const port = Number(values.port ?? process.env.SMTP_PORT ?? 2525);
  const transport = nodemailer.createTransport({ host: values.host, port, secure: false, ignoreTLS: true });
  const replyTo = values['in-reply-to'];
  const info = await transport.sendMail({
    from: values.from,
    to: values.to ?? process.env.SUPPORT_ADDRESS ?? 'support@demo.local',
    ...(values.cc ? { cc: values.cc } : {}),
    subject: values.subject,
    text: values.body,
    ...(values.html ? { html: values.html } : {}),
    ...(replyTo ? { inReplyTo: replyTo, references: [replyTo] } : {}),
    attachments: (values.attach ?? []).map((path) => ({ filename: basename(path), content: readFileSync(path) })),
  });
  console.log(`sent ${info.messageId} to ${values.host}:${port}: ${info.response}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
