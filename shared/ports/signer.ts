/**
 * Signer: a keyed MAC (HMAC-SHA256 with the server's mail secret) so the ids we put in our
 * outbound Message-IDs and reply addresses cannot be forged to attach mail to another ticket.
 * The core cannot import node:crypto, so the adapter lives in functions/adapters.
 */
export interface Signer {
  /** A short, URL- and Message-ID-safe signature of `value` (lowercase base32/hex). */
  sign(value: string): string;
  /** Constant-time check of a signature made by `sign`. */
  verify(value: string, signature: string): boolean;
}
