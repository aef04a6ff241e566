/**
 * uuencoded files in mail from old clients (Eudora, Pine, Outlook Express): a part sent with
 * `Content-Transfer-Encoding: x-uuencode`, and `begin 644 name` ... `end` blocks pasted into a
 * plain text body. The format is a few lines of arithmetic (each line: a length character, then
 * 4 characters per 3 bytes, each character 32 + 6 bits, with "`" for 0); the npm packages for it
 * are unmaintained one-offs, so it is written out here. Lines whose length character disagrees
 * with their data mean the block is not uuencoded: it is then left alone.
 */

export interface UuFile {
  readonly filename: string;
  readonly mode: string;
  readonly content: Buffer;
}

const BEGIN = /^begin +([0-7]{3,4}) +(.+?)[ \t]*$/;

const sextet = (code: number | undefined): number => ((code ?? 32) - 32) & 0x3f;

/** One data line -> its bytes, or null when the line is not uuencoded data. */
function decodeLine(line: string): Buffer | null {
  const length = sextet(line.charCodeAt(0));
  if (length === 0) return Buffer.alloc(0);
  const groups = Math.ceil(length / 3);
  // Trailing spaces are often stripped by mail software; a missing character is a zero sextet.
  const data = line.length - 1;
  if (data + 2 < Math.ceil((length * 4) / 3) || data > groups * 4 + 2) return null;
  for (let i = 0; i < line.length; i++) {
    const code = line.charCodeAt(i);
    if (code < 32 || code > 96) return null;
  }
  const out = Buffer.alloc(groups * 3);
  for (let g = 0; g < groups; g++) {
    const at = 1 + g * 4;
    const [a, b, c, d] = [0, 1, 2, 3].map((k) => sextet(line.charCodeAt(at + k)));
    out[g * 3] = ((a as number) << 2) | ((b as number) >> 4);
    out[g * 3 + 1] = (((b as number) & 0x0f) << 4) | ((c as number) >> 2);
    out[g * 3 + 2] = (((c as number) & 0x03) << 6) | (d as number);
  }
  return out.subarray(0, length);
}

/** Decodes the block starting at `lines[start]` (a begin line); null when it is not one. */
function decodeBlock(lines: readonly string[], start: number): { file: UuFile; end: number } | null {
  const begin = BEGIN.exec((lines[start] ?? '').replace(/\r$/, ''));
  if (!begin) return null;
  const chunks: Buffer[] = [];
  for (let i = start + 1; i < lines.length; i++) {
    const line = (lines[i] as string).replace(/\r$/, '');
    if (/^end\s*$/.test(line)) {
      const filename = (begin[2] as string).replace(/^.*[\\/]/, '');
      return { file: { filename, mode: begin[1] as string, content: Buffer.concat(chunks) }, end: i };
    }
    const bytes = decodeLine(line);
    if (bytes === null) return null;
    chunks.push(bytes);
  }
  return null;
}

/** The file of an `x-uuencode` part's content, or null when it holds no valid block. */
export function uudecodePart(content: Buffer): UuFile | null {
  const lines = content.toString('latin1').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const block = BEGIN.test((lines[i] as string).replace(/\r$/, '')) ? decodeBlock(lines, i) : null;
    if (block) return block.file;
  }
  return null;
}

/** The uuencoded blocks in a plain text body: the files, and the text without them. */
export function extractUuencodedBlocks(text: string): { files: UuFile[]; text: string } {
  if (!/^begin +[0-7]{3,4} /m.test(text)) return { files: [], text };
  const lines = text.split('\n');
  const files: UuFile[] = [];
  const kept: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const block = BEGIN.test(lines[i] as string) ? decodeBlock(lines, i) : null;
    if (!block) {
      kept.push(lines[i] as string);
      continue;
    }
    files.push(block.file);
    i = block.end;
  }
  return { files, text: kept.join('\n') };
}
