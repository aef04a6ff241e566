/**
 * mailparser's MailParser with three hooks for mail from old clients, and the simpleParser loop
 * around it (our options: cid: links kept, so no image inlining):
 * - body charsets: UTF-7 and charsets libmime does not know are decoded (legacy-charsets), and a
 *   text part that is undeclared or labelled UTF-8/ASCII but is not valid UTF-8 is read in the
 *   message's legacy charset instead of becoming U+FFFD;
 * - a text part with a file name is shown as text and its bytes are kept to list it as a file;
 * - an `x-uuencode` part becomes an attachment (uuencode.ts decodes it afterwards).
 * The hooks override two methods mailparser marks internal (`getDecoder`, `createNode`);
 * mailparser is pinned to an exact version and the legacy-mail tests fail if they change.
 */
import { isUtf8 } from 'node:buffer';
import { Transform, type TransformCallback } from 'node:stream';
import libmime from 'libmime';
import { type Attachment, type AttachmentStream, MailParser, type MessageText, type ParsedMail } from 'mailparser';
import {
  cleanCharsetName,
  decodeKnown,
  isUtf8OrAsciiName,
  knownCharset,
  libmimeMisdecodes,
} from './legacy-charsets.js';

/** A text part's bytes are decoded by the message's fallback when they are not what they claim. */
const UNDECLARED = 'x-itil-undeclared';
const SAMPLE_BYTES = 16 * 1024;
const UUENCODE = /^(?:x-)?uu(?:encode|e)$/i;

interface SplitNode {
  contentType: string | false;
  disposition: string | false;
  filename: string | false;
  encoding: string | false;
  charset: string | false;
}
interface TreeNode {
  isAttachment?: boolean;
  charset?: string;
  contentType?: string;
  decoder?: Transform;
}
interface Internals {
  createNode(node: SplitNode): TreeNode;
  getDecoder(): { decodeStream(charset: string): Transform };
}

/** A text part that named a file: shown as text, and its bytes (as sent, CTE decoded) listed as a file. */
export interface NamedTextPart {
  readonly filename: string;
  readonly contentType: string;
  readonly content: Buffer;
}

export interface LegacyParsedMail extends ParsedMail {
  /** The declared charset of the first text part (the message's declared charset), if any. */
  readonly firstTextCharset: string | null;
  /** The first text part whose bytes were not valid UTF-8 although not declared otherwise. */
  readonly undeclaredSample: Buffer | null;
  readonly namedTextParts: readonly NamedTextPart[];
}

/** Buffers a whole part and decodes it at the end (the charsets libmime's streams refuse). */
class WholePartDecoder extends Transform {
  private readonly chunks: Buffer[] = [];
  constructor(private readonly finish: (bytes: Buffer) => Buffer) {
    super();
  }
  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.chunks.push(chunk);
    done();
  }
  override _flush(done: TransformCallback): void {
    try {
      done(null, this.finish(Buffer.concat(this.chunks)));
    } catch (error) {
      done(error as Error);
    }
  }
}

/** What the message-level fallback for undeclared bytes is built from (read when first needed). */
export interface LegacyParseState {
  readonly firstTextCharset: string | null | undefined;
  readonly undeclaredSample: Buffer | null;
  readonly headerLines: ParsedMail['headerLines'] | false;
}

/** Decodes bytes that are not valid UTF-8 although nothing else was declared for them. */
export type UndeclaredDecoder = (bytes: Buffer) => string;

const BaseParser = MailParser as unknown as new (options: object) => MailParser & Internals;

class LegacyMailParser extends BaseParser implements LegacyParseState {
  firstTextCharset: string | null | undefined = undefined;
  undeclaredSample: Buffer | null = null;
  readonly namedTextParts: { filename: string; contentType: string; chunks: Buffer[] }[] = [];

  constructor(
    options: object,
    private readonly undeclared: (state: LegacyParseState) => UndeclaredDecoder,
  ) {
    super(options);
  }

  override getDecoder(): { decodeStream(charset: string): Transform } {
    return {
      decodeStream: (charset: string) => {
        const name = cleanCharsetName(charset);
        if (name !== null && name !== UNDECLARED && !libmimeMisdecodes(name)) return libmime.createDecodeStream(name);
        if (name !== null && name !== UNDECLARED && knownCharset(name))
          return new WholePartDecoder((bytes) => Buffer.from(decodeKnown(bytes, name) ?? '', 'utf8'));
        return new WholePartDecoder((bytes) => {
          if (isUtf8(bytes)) return bytes;
          this.undeclaredSample ??= bytes.subarray(0, SAMPLE_BYTES);
          return Buffer.from(this.undeclared(this)(bytes), 'utf8');
        });
      },
    };
  }

  override createNode(node: SplitNode): TreeNode {
    if (typeof node.encoding === 'string' && UUENCODE.test(node.encoding)) node.disposition = 'attachment';
    const created = super.createNode(node);
    const isText = created.contentType === 'text/plain' || created.contentType === 'text/html';
    if (!isText || created.isAttachment) return created;
    const declared = cleanCharsetName(typeof node.charset === 'string' ? node.charset : null);
    if (this.firstTextCharset === undefined) this.firstTextCharset = declared;
    if (declared === null || isUtf8OrAsciiName(declared)) created.charset = UNDECLARED;
    if (typeof node.filename === 'string' && node.filename.trim() !== '' && created.decoder)
      this.keepBytes(created.decoder, node.filename.trim(), created.contentType as string, declared);
    return created;
  }

  /** Records what the part's transfer decoder produces, without changing what mailparser reads. */
  private keepBytes(decoder: Transform, filename: string, contentType: string, charset: string | null): void {
    const part = {
      filename,
      contentType: charset ? `${contentType}; charset=${charset}` : contentType,
      chunks: [] as Buffer[],
    };
    this.namedTextParts.push(part);
    const push = decoder.push.bind(decoder);
    decoder.push = (chunk: unknown, encoding?: BufferEncoding) => {
      if (chunk !== null && chunk !== undefined)
        part.chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk), encoding));
      return push(chunk, encoding);
    };
  }
}

/** simpleParser's loop over LegacyMailParser (keepCidLinks: the HTML is returned as parsed). */
export function parseLegacyAware(
  raw: Buffer,
  options: object,
  undeclared: (state: LegacyParseState) => UndeclaredDecoder,
): Promise<LegacyParsedMail> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (error: Error | null, mail?: LegacyParsedMail) => {
      if (settled) return;
      settled = true;
      if (error) reject(error);
      else resolve(mail as LegacyParsedMail);
    };
    const parser = new LegacyMailParser(options, undeclared);
    const mail: Record<string, unknown> & { attachments: Attachment[] } = { attachments: [] };
    parser.on('error', (error: Error) => settle(error));
    parser.on('headers', (headers: unknown) => {
      mail.headers = headers;
      mail.headerLines = parser.headerLines;
    });
    let reading = false;
    const reader = (): void => {
      reading = true;
      const data = parser.read() as (MessageText | AttachmentStream) | null;
      if (data === null) {
        reading = false;
        return;
      }
      if (data.type === 'text') {
        for (const key of ['text', 'html', 'textAsHtml', 'textConversionError'] as const)
          if (key in data) mail[key] = data[key];
        reader();
        return;
      }
      const chunks: Buffer[] = [];
      data.content.on('readable', () => {
        for (let chunk = data.content.read() as Buffer | null; chunk !== null; chunk = data.content.read())
          chunks.push(chunk);
      });
      data.content.on('end', () => {
        mail.attachments.push({ ...data, content: Buffer.concat(chunks), release: null } as unknown as Attachment);
        data.release?.();
        reader();
      });
    };
    parser.on('readable', () => {
      if (!reading) reader();
    });
    parser.on('end', () => {
      const headers = mail.headers as Map<string, unknown> | undefined;
      for (const key of [
        'subject',
        'references',
        'date',
        'to',
        'from',
        'cc',
        'bcc',
        'message-id',
        'in-reply-to',
        'reply-to',
      ])
        if (headers?.has(key)) mail[key.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase())] = headers.get(key);
      settle(null, {
        ...(mail as unknown as ParsedMail),
        firstTextCharset: parser.firstTextCharset ?? null,
        undeclaredSample: parser.undeclaredSample,
        namedTextParts: parser.namedTextParts.map((p) => ({
          filename: p.filename,
          contentType: p.contentType,
          content: Buffer.concat(p.chunks),
        })),
      });
    });
    parser.end(raw);
  });
}
