/**
 * The part of a customer's mail worth reading in the timeline: what they wrote now, without the
 * quoted history their client appended and without their signature. The full original text is
 * always kept next to it; this only picks the main view, so erring on "keep" is the safe side.
 */

// Lines that start the quoted history in common clients (Gmail, Apple Mail, Outlook, Thunderbird, German/French/Nordic).
const HISTORY_MARKERS: readonly RegExp[] = [
  /^-{2,}\s*(original message|ursprüngliche nachricht|message d'origine|opprinnelig melding|ursprungligt meddelande|forwarded message|weitergeleitete nachricht)\s*-{2,}\s*$/i,
  /^_{10,}\s*$/,
  /^(on|am|le|el|il|den|op)\s.{4,200}\s(wrote|schrieb|a écrit|escribió|ha scritto|skrev|schreef)\s*:\s*$/i,
  /^(from|von|de|fra|från|van):\s.+$/i,
];
const SIGNATURE_MARKERS: readonly RegExp[] = [
  /^-- ?$/,
  /^(sent from my|gesendet von meinem|envoyé de mon) /i,
  /^get outlook for /i,
];

export interface CleanedBody {
  /** What the sender wrote in this message. */
  readonly main: string;
  /** True when something was cut (the UI offers "show full message"). */
  readonly trimmed: boolean;
}

/** An Outlook header block: a `From:` line followed within three lines by `Sent:`/`Date:`/`To:`/`Subject:`. */
const isOutlookHeader = (lines: readonly string[], i: number): boolean =>
  lines.slice(i + 1, i + 4).some((l) => /^(sent|date|gesendet|envoyé|to|an|subject|betreff):\s/i.test(l.trim()));

export function cleanBody(text: string): CleanedBody {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  let end = lines.length;
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] as string).trim();
    const isFromLine = /^(from|von|de|fra|från|van):\s/i.test(line);
    if (HISTORY_MARKERS.some((re) => re.test(line)) && (!isFromLine || isOutlookHeader(lines, i))) {
      end = i;
      break;
    }
    // A run of quoted lines that reaches the end (or only blank lines follow) is history, not inline answers.
    if (line.startsWith('>') && lines.slice(i).every((l) => l.trim() === '' || l.trim().startsWith('>'))) {
      end = i;
      break;
    }
  }
  let kept = lines.slice(0, end);
  const signature = kept.findIndex((l) => SIGNATURE_MARKERS.some((re) => re.test(l.trimEnd())));
  if (signature >= 0) kept = kept.slice(0, signature);
  const main = kept
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  // Never reduce a message to nothing: a mail that is only a quote (a forward) keeps its full text.
  if (main === '') return { main: text.trim(), trimmed: false };
  return { main, trimmed: main !== text.replace(/\r\n?/g, '\n').trim() };
}
