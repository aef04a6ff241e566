/**
 * Unpacks the files of a TNEF stream (`winmail.dat`, `application/ms-tnef`), which Outlook sends
 * instead of plain attachments when it thinks the recipient is Outlook too. Only what is needed
 * to get the files out is read: the attachment attributes (title, data) and, from each
 * attachment's MAPI properties, its long file name and MIME type. A stream that breaks anywhere
 * (an attribute running past the end, an unknown property type) is reported as unreadable, and
 * the caller keeps winmail.dat as it came.
 *
 * Written here rather than taken from node-tnef 1.4.0 (the only TNEF package in the registry),
 * which was tried first: it redefines String.prototype.replaceAll for the whole process, logs a
 * JSON line to stdout per file, returns 8.3 names only, and on its own corrupt sample file
 * (67 KB) spins for 7 s before failing with "Invalid array length" (ADR 0016).
 */
import iconv from 'iconv-lite';

export interface TnefFile {
  readonly filename: string;
  readonly contentType: string | null;
  readonly content: Buffer;
}

const SIGNATURE = 0x223e9f78;
const LEVEL_ATTACHMENT = 2;
const ATT_ATTACH_DATA = 0x800f;
const ATT_ATTACH_TITLE = 0x8010;
const ATT_ATTACH_REND_DATA = 0x9002;
const ATT_ATTACHMENT = 0x9005;
const ATT_OEM_CODEPAGE = 0x9007;

const PR_ATTACH_FILENAME = 0x3704;
const PR_ATTACH_LONG_FILENAME = 0x3707;
const PR_DISPLAY_NAME = 0x3001;
const PR_ATTACH_MIME_TAG = 0x370e;

const MV_FLAG = 0x1000;
const PT_STRING8 = 0x001e;
const PT_UNICODE = 0x001f;
/** Fixed sizes of MAPI property types as TNEF stores them (values padded to 4 bytes). */
const FIXED_SIZE: Record<number, number> = {
  1: 0,
  2: 4,
  3: 4,
  4: 4,
  5: 8,
  6: 8,
  7: 8,
  10: 4,
  11: 4,
  20: 8,
  64: 8,
  72: 16,
};
const VARIABLE = new Set([0x000d, PT_STRING8, PT_UNICODE, 0x0102]);

class Unreadable extends Error {}

const need = (buffer: Buffer, at: number, length: number): void => {
  if (at < 0 || length < 0 || at + length > buffer.length) throw new Unreadable('truncated');
};

interface Draft {
  title: string | null;
  longName: string | null;
  mimeTag: string | null;
  data: Buffer | null;
}

const text8 = (bytes: Buffer, codepage: number): string => {
  const name = `cp${codepage}`;
  return (iconv.encodingExists(name) ? iconv.decode(bytes, name) : bytes.toString('latin1')).replace(/\0+$/, '');
};

/** The string properties of one attachment's MAPI property block that name the file. */
function readAttachmentProperties(block: Buffer, draft: Draft, codepage: number): void {
  need(block, 0, 4);
  const count = block.readUInt32LE(0);
  let at = 4;
  for (let p = 0; p < count; p++) {
    need(block, at, 4);
    const rawType = block.readUInt16LE(at);
    const id = block.readUInt16LE(at + 2);
    at += 4;
    if (id >= 0x8000) {
      need(block, at, 20);
      const kind = block.readUInt32LE(at + 16);
      at += 20;
      need(block, at, 4);
      if (kind === 0) at += 4;
      else {
        const length = block.readUInt32LE(at);
        at += 4 + length + ((4 - (length % 4)) % 4);
      }
    }
    const type = rawType & ~MV_FLAG;
    const fixed = FIXED_SIZE[type];
    if (fixed === undefined && !VARIABLE.has(type)) throw new Unreadable(`MAPI property type ${type}`);
    let values = 1;
    if (rawType & MV_FLAG || fixed === undefined) {
      need(block, at, 4);
      values = block.readUInt32LE(at);
      at += 4;
    }
    for (let v = 0; v < values; v++) {
      let length = fixed ?? 0;
      if (fixed === undefined) {
        need(block, at, 4);
        length = block.readUInt32LE(at);
        at += 4;
      }
      need(block, at, length);
      const value = block.subarray(at, at + length);
      at += length + ((4 - (length % 4)) % 4);
      if (v > 0 || (type !== PT_STRING8 && type !== PT_UNICODE)) continue;
      const str = (type === PT_UNICODE ? value.toString('utf16le') : text8(value, codepage)).replace(/\0+$/, '');
      if (id === PR_ATTACH_LONG_FILENAME) draft.longName = str;
      else if (id === PR_ATTACH_FILENAME || id === PR_DISPLAY_NAME) draft.title ??= str;
      else if (id === PR_ATTACH_MIME_TAG) draft.mimeTag = str;
    }
  }
}

/** The files in a TNEF stream; null when it is not TNEF or cannot be read to its end. */
export function readTnef(input: Uint8Array): TnefFile[] | null {
  const buffer = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  if (buffer.length < 6 || buffer.readUInt32LE(0) !== SIGNATURE) return null;
  const drafts: Draft[] = [];
  let codepage = 1252;
  try {
    for (let at = 6; at < buffer.length; ) {
      need(buffer, at, 9);
      const level = buffer.readUInt8(at);
      const id = buffer.readUInt16LE(at + 1);
      const length = buffer.readUInt32LE(at + 5);
      need(buffer, at + 9, length + 2);
      const data = buffer.subarray(at + 9, at + 9 + length);
      at += 9 + length + 2;
      if (id === ATT_OEM_CODEPAGE && length >= 4) codepage = data.readUInt32LE(0);
      if (level !== LEVEL_ATTACHMENT) continue;
      if (id === ATT_ATTACH_REND_DATA) drafts.push({ title: null, longName: null, mimeTag: null, data: null });
      const draft = drafts.at(-1);
      if (!draft) continue;
      if (id === ATT_ATTACH_TITLE) draft.title = text8(data, codepage);
      else if (id === ATT_ATTACH_DATA) draft.data = Buffer.from(data);
      else if (id === ATT_ATTACHMENT) readAttachmentProperties(data, draft, codepage);
    }
  } catch (error) {
    if (error instanceof Unreadable) return null;
    throw error;
  }
  // Attachments without data are embedded messages or OLE objects: not files we can hand out.
  return drafts
    .filter((d): d is Draft & { data: Buffer } => d.data !== null)
    .map((d, index) => ({
      filename: (d.longName || d.title || `attachment-${index + 1}`).replace(/^.*[\\/]/, '').trim(),
      contentType: d.mimeTag ? d.mimeTag.toLowerCase() : null,
      content: d.data,
    }));
}
