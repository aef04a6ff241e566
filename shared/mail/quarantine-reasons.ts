/**
 * The kinds of quarantine reasons, for the admin screen's reason filter (issue 18). Reasons are
 * written as "<kind>: <detail>" by the mail channel (mail-ingestion.ts, expert/expert-replies.ts,
 * the inbound queue's last delivery); the kind is read from that prefix, so records stored before
 * the filter existed are classified the same way.
 */
export const QUARANTINE_REASON_KINDS = [
  { kind: 'unparsable', label: 'Unparsable message', prefix: 'unparsable message' },
  { kind: 'replayed', label: 'Replayed (already processed)', prefix: 'replayed' },
  { kind: 'no-sender', label: 'No usable sender', prefix: 'no usable sender' },
  { kind: 'automatic', label: 'Automatic mail', prefix: 'automatic mail' },
  { kind: 'bad-token', label: 'Bad action token', prefix: 'bad token' },
  { kind: 'expired-token', label: 'Expired action token', prefix: 'expired token' },
  { kind: 'wrong-sender', label: 'Wrong sender for the token', prefix: 'wrong sender' },
  { kind: 'unauthenticated', label: 'Unauthenticated sender', prefix: 'unauthenticated' },
  { kind: 'refused-by-assist', label: 'Refused by the assist', prefix: 'refused by the assist' },
  { kind: 'failed', label: 'Processing failed repeatedly', prefix: 'processing failed' },
] as const;

export type QuarantineReasonKind = (typeof QUARANTINE_REASON_KINDS)[number]['kind'] | 'other';
export const QUARANTINE_REASON_FILTERS = [...QUARANTINE_REASON_KINDS.map((k) => k.kind), 'other'] as const;

export function quarantineReasonKind(reason: string): QuarantineReasonKind {
  const text = reason.trimStart().toLowerCase();
  return QUARANTINE_REASON_KINDS.find((k) => text.startsWith(k.prefix))?.kind ?? 'other';
}
