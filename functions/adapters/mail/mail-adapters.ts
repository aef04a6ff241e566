/**
 * Builds the mail adapters from the validated configuration (called by the composition root):
 * blob store (file system locally, Azure Blob when BLOB_STORE=azure), the raw mail store (locally an
 * fsync'ed file spool, ADR 0012), mailparser (in worker threads), sanitizer,
 * HMAC signer and the SMTP mailbox (relay or `.eml` outbox). Locally the signing secret is
 * generated once per data folder (DATA_DIR/mail-signing.key); in Azure it must be configured.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { Mailbox } from '../../../shared/ports/mailbox.js';
import { MessageGoneError, PermanentDeliveryError } from '../../../shared/ports/mailbox.js';
import { azuriteConnectionString, type Config } from '../../config/config.js';
import type { MailAdapters } from '../../mail-services.js';
import { createAzureBlobStore } from './azure-blob-store.js';
import { FileBlobStore } from './file-blob-store.js';
import { FileOutbox } from './file-outbox.js';
import { HmacSigner } from './hmac-signer.js';
import { defaultMailWorkers, MailWorkerPool } from './mail-worker-pool.js';
import { MailparserMimeParser } from './mailparser-parser.js';
import { MemoryBlobStore } from './memory-blob-store.js';
import { RawMailStore } from './raw-mail-store.js';
import { SanitizeHtmlSanitizer } from './sanitize-html-sanitizer.js';
import { SmtpMailbox } from './smtp-mailbox.js';

/** The secret from the configuration, else the data folder's own one (created on first use). */
export function mailSigningSecret(config: Pick<Config, 'MAIL_SIGNING_SECRET' | 'DATA_DIR'>): string {
  if (config.MAIL_SIGNING_SECRET) return config.MAIL_SIGNING_SECRET;
  const file = join(config.DATA_DIR, 'mail-signing.key');
  mkdirSync(config.DATA_DIR, { recursive: true });
  try {
    writeFileSync(file, randomBytes(32).toString('base64url'), { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return readFileSync(file, 'utf8').trim();
}

export function createMailAdapters(config: Config, options: { graphMailbox?: Mailbox | undefined } = {}): MailAdapters {
  if (config.BLOB_STORE === 'azurite' && config.AZURITE_BLOB_PORT === 0)
    throw new Error('BLOB_STORE=azurite needs a running Azurite: `npm start` starts one (or set AZURITE_BLOB_PORT)');
  const blobs =
    config.BLOB_STORE === 'azure' || config.BLOB_STORE === 'azurite'
      ? createAzureBlobStore({
          accountUrl: config.BLOB_ACCOUNT_URL,
          connectionString:
            config.BLOB_STORE === 'azurite'
              ? azuriteConnectionString(config.AZURITE_BLOB_PORT)
              : config.BLOB_CONNECTION_STRING,
          container: config.BLOB_CONTAINER,
        })
      : new FileBlobStore(join(config.DATA_DIR, 'blobs'));
  // Azure Blob Storage acknowledges a put once it is stored durably (three synchronous copies).
  const rawMail = config.BLOB_STORE === 'azure' ? blobs : new RawMailStore(join(config.DATA_DIR, 'blobs'), blobs);
  const outbox = config.SMTP_RELAY_URL ? null : new FileOutbox(join(config.DATA_DIR, 'outbox'));
  const smtp = new SmtpMailbox(rawMail, { relayUrl: config.SMTP_RELAY_URL, outbox });
  const graph = options.graphMailbox;
  const size = config.MAIL_WORKERS ?? defaultMailWorkers(availableParallelism());
  const workers = size === 0 ? null : new MailWorkerPool(size);
  return {
    blobs,
    rawMail,
    parser: workers ?? new MailparserMimeParser(),
    sanitizer: workers ?? new SanitizeHtmlSanitizer(),
    signer: new HmacSigner(mailSigningSecret(config)),
    mailboxes: { smtp, ...(graph ? { graph } : {}) },
    send: config.MAIL_PROVIDER === 'smtp' || !graph ? smtp : graph,
    outbox: config.MAIL_PROVIDER === 'smtp' ? outbox : null,
  };
}

/** A mailbox that is not there: sends fail for good, fetches find nothing. */
const absentMailbox: Mailbox = {
  fetch: async (ref) => {
    throw new MessageGoneError(`No mailbox is configured to fetch ${ref.provider} messages`);
  },
  send: async () => {
    throw new PermanentDeliveryError('No mailbox is configured to send mail');
  },
};

/** In-memory adapters (random secret, no mailbox): services wired without a configuration, e.g. in tests. */
export function memoryMailAdapters(overrides: Partial<MailAdapters> = {}): MailAdapters {
  const blobs = overrides.blobs ?? new MemoryBlobStore();
  return {
    blobs,
    rawMail: overrides.rawMail ?? blobs,
    parser: new MailparserMimeParser(),
    sanitizer: new SanitizeHtmlSanitizer(),
    signer: new HmacSigner(randomBytes(32).toString('base64url')),
    mailboxes: {},
    send: absentMailbox,
    outbox: null,
    ...overrides,
  };
}
