/** Sends mail to a running platform's SMTP listener as a customer's mail client would; resolves to the Message-ID. */
import nodemailer, { type SendMailOptions } from 'nodemailer';

export function smtpSender(port: number): (mail: SendMailOptions) => Promise<string> {
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
  return async (mail) => (await transport.sendMail(mail)).messageId as string;
}
