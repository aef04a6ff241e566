/**
 * The local SMTP listener (MAIL_PROVIDER=smtp): accepts mail for the support address (and its
 * `+tag` reply addresses) on 127.0.0.1:SMTP_PORT and answers `250` only after the raw message is
 * stored and queued on `inbound-mail` (InboundAcceptor); a storage failure answers `451` so the
 * sending server retries. Local development only: no TLS, no AUTH.
 */
import { SMTPServer, type SMTPServerAddress } from 'smtp-server';
import type { MailServices } from '../../functions/mail-services.js';

export interface SmtpListener {
  readonly port: number;
  close(): Promise<void>;
}

const MAX_MESSAGE_BYTES = 25 * 1024 * 1024;

export async function startSmtpListener(
  mail: MailServices,
  options: { port: number; host?: string; log?: (line: string) => void },
): Promise<SmtpListener> {
  const log = options.log ?? ((line: string) => console.log(line));
  const server = new SMTPServer({
    name: 'itil-next.local',
    banner: 'ITIL-NEXT local SMTP listener',
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: MAX_MESSAGE_BYTES,
    logger: false,
    onRcptTo(address: SMTPServerAddress, _session, callback) {
      if (mail.signedIds.isOwnAddress(address.address)) return callback();
      const refusal = Object.assign(
        new Error(`<${address.address}>: no such mailbox here (support is ${mail.settings.supportAddress})`),
        { responseCode: 550 },
      );
      return callback(refusal);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', (error) => callback(error));
      stream.on('end', () => {
        if ((stream as unknown as { sizeExceeded?: boolean }).sizeExceeded) {
          callback(Object.assign(new Error('Message too large'), { responseCode: 552 }));
          return;
        }
        const recipient = session.envelope.rcptTo[0]?.address ?? mail.settings.supportAddress;
        mail.acceptor.accept(Buffer.concat(chunks), recipient).then(
          (ref) => {
            log(
              `[smtp] accepted ${ref.providerMessageId} from ${session.envelope.mailFrom ? session.envelope.mailFrom.address : '<>'}`,
            );
            callback(null, `Queued as ${ref.providerMessageId}`);
          },
          (error: unknown) => {
            log(`[smtp] could not store a message: ${String(error)}`);
            callback(Object.assign(new Error('Temporary storage failure, try again later'), { responseCode: 451 }));
          },
        );
      });
    },
  });
  server.on('error', (error) => log(`[smtp] ${error.message}`));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
