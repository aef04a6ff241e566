/**
 * A Web Push service stand-in (what FCM, Mozilla autopush or Apple's service are to a browser),
 * speaking RFC 8030 over HTTPS (web-push only speaks HTTPS; the certificate beside this file is
 * self-signed for 127.0.0.1, test use only). It makes subscriptions the way a browser does (a P-256
 * key pair and a 16-byte auth secret per subscription), and for every push it:
 *  - checks VAPID (RFC 8292): `Authorization: vapid t=<JWT>, k=<public key>`, an ES256 JWT whose
 *    `aud` is this origin, `exp` in the future but at most 24 h away, `sub` a mailto: or https: URL;
 *  - checks `TTL`, `Content-Encoding: aes128gcm`, `Urgency` and `Topic` (at most 32 base64url chars);
 *  - decrypts the payload (RFC 8291 over RFC 8188). Decryption is written here, independent of the
 *    `web-push` library under test, so a mistake in its encryption cannot cancel out;
 *  - keeps undelivered messages per subscription, a later message replacing one with the same topic.
 * A subscription can be made gone (410) to test clean-up; an unknown one answers 404.
 *
 * HTTP control: POST /_sim/subscriptions (a new subscription, PushSubscription.toJSON() shape),
 * GET /_sim/subscriptions/{id}/messages, POST /_sim/subscriptions/{id}/gone.
 */
import { createCipheriv, createDecipheriv, createECDH, createHmac, randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { decodeProtectedHeader, importJWK, jwtVerify } from 'jose';

export const PUSH_SIM_CA = join(import.meta.dirname, 'sim-tls.crt');

export interface SimPushSubscription {
  readonly endpoint: string;
  readonly expirationTime: null;
  readonly keys: { readonly p256dh: string; readonly auth: string };
}

export interface ReceivedPush {
  readonly payload: string;
  readonly topic: string | null;
  readonly ttl: number;
  readonly urgency: string;
  readonly vapidSubject: string;
  readonly vapidKey: string;
  readonly at: string;
}

export interface PushRequestLog {
  readonly subscriptionId: string;
  readonly status: number;
  readonly reason: string | null;
}

interface SimSubscription {
  readonly id: string;
  readonly ecdh: ReturnType<typeof createECDH>;
  readonly publicKey: Buffer;
  readonly auth: Buffer;
  gone: boolean;
  readonly inbox: ReceivedPush[];
}

export interface PushServiceStandIn {
  readonly url: string;
  /** The CA (self-signed certificate) a client needs to trust this service. */
  readonly ca: string;
  subscribe(): SimPushSubscription;
  /** Undelivered messages of a subscription, oldest first (same-topic ones replaced). */
  messages(endpoint: string): readonly ReceivedPush[];
  /** Decrypts a body as this service does for the subscription (to test the decryption itself). */
  decrypt(endpoint: string, body: Buffer): string;
  /** From now on the service answers 410 Gone for this subscription. */
  gone(endpoint: string): void;
  readonly requests: readonly PushRequestLog[];
  close(): Promise<void>;
}

const b64 = (bytes: Buffer): string => bytes.toString('base64url');
const hmac = (key: Buffer, data: Buffer): Buffer => createHmac('sha256', key).update(data).digest();
/** HKDF-Expand for at most one block (RFC 5869), all RFC 8291 needs. */
const expand = (prk: Buffer, info: Buffer, length: number): Buffer =>
  hmac(prk, Buffer.concat([info, Buffer.from([1])])).subarray(0, length);

/** RFC 8291 section 3.4 + RFC 8188: the plaintext of an aes128gcm body sent to `sub`. */
export function decryptAes128gcm(body: Buffer, sub: Pick<SimSubscription, 'ecdh' | 'publicKey' | 'auth'>): string {
  if (body.length < 21) throw new Error('body shorter than the aes128gcm header');
  const salt = body.subarray(0, 16);
  const recordSize = body.readUInt32BE(16);
  const idLength = body[20] as number;
  const senderKey = body.subarray(21, 21 + idLength);
  if (idLength !== 65 || senderKey[0] !== 4) throw new Error('keyid is not an uncompressed P-256 public key');
  const ciphertext = body.subarray(21 + idLength);
  if (ciphertext.length > recordSize) throw new Error('more than one record: a push message has exactly one');
  const secret = sub.ecdh.computeSecret(senderKey);
  const prkKey = hmac(sub.auth, secret);
  const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), sub.publicKey, senderKey]);
  const ikm = expand(prkKey, keyInfo, 32);
  const prk = hmac(salt, ikm);
  const cek = expand(prk, Buffer.from('Content-Encoding: aes128gcm\0'), 16);
  const nonce = expand(prk, Buffer.from('Content-Encoding: nonce\0'), 12);
  const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
  decipher.setAuthTag(ciphertext.subarray(ciphertext.length - 16));
  const padded = Buffer.concat([decipher.update(ciphertext.subarray(0, ciphertext.length - 16)), decipher.final()]);
  let end = padded.length - 1;
  while (end >= 0 && padded[end] === 0) end--;
  if (padded[end] !== 2) throw new Error('the last record lacks its padding delimiter (0x02)');
  return padded.subarray(0, end).toString('utf8');
}

/** Only for the stand-in's own tests: encrypts like a sender would (RFC 8291), to check decryptAes128gcm. */
export function encryptAes128gcm(plaintext: string, sub: SimPushSubscription): Buffer {
  const sender = createECDH('prime256v1');
  sender.generateKeys();
  const uaPublic = Buffer.from(sub.keys.p256dh, 'base64url');
  const secret = sender.computeSecret(uaPublic);
  const salt = randomBytes(16);
  const prkKey = hmac(Buffer.from(sub.keys.auth, 'base64url'), secret);
  const ikm = expand(prkKey, Buffer.concat([Buffer.from('WebPush: info\0'), uaPublic, sender.getPublicKey()]), 32);
  const prk = hmac(salt, ikm);
  const cipher = createCipheriv(
    'aes-128-gcm',
    expand(prk, Buffer.from('Content-Encoding: aes128gcm\0'), 16),
    expand(prk, Buffer.from('Content-Encoding: nonce\0'), 12),
  );
  const body = Buffer.concat([
    cipher.update(Buffer.concat([Buffer.from(plaintext), Buffer.from([2])])),
    cipher.final(),
  ]);
  const header = Buffer.alloc(21);
  salt.copy(header);
  header.writeUInt32BE(4096, 16);
  header[20] = 65;
  return Buffer.concat([header, sender.getPublicKey(), body, cipher.getAuthTag()]);
}

async function verifyVapid(authorization: string | undefined, origin: string): Promise<{ sub: string; key: string }> {
  const match = /^vapid\s+t=([^,\s]+)\s*,\s*k=([A-Za-z0-9_-]+)\s*$/i.exec(authorization ?? '');
  if (!match) throw new Error('Authorization is not `vapid t=..., k=...`');
  const [, token, key] = match as unknown as [string, string, string];
  const raw = Buffer.from(key, 'base64url');
  if (raw.length !== 65 || raw[0] !== 4) throw new Error('k is not an uncompressed P-256 public key');
  if (decodeProtectedHeader(token).alg !== 'ES256') throw new Error('the VAPID JWT is not ES256');
  const publicKey = await importJWK(
    { kty: 'EC', crv: 'P-256', x: b64(raw.subarray(1, 33)), y: b64(raw.subarray(33)) },
    'ES256',
  );
  const { payload } = await jwtVerify(token, publicKey, { audience: origin });
  const now = Math.floor(Date.now() / 1000);
  if (typeof payload.exp !== 'number' || payload.exp > now + 24 * 3600) throw new Error('exp is more than 24 h away');
  if (typeof payload.sub !== 'string' || !/^(mailto:|https:)/.test(payload.sub))
    throw new Error('sub is not a mailto: or https: URL');
  return { sub: payload.sub, key };
}

const readBody = (req: IncomingMessage): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });

export async function startPushServiceStandIn(): Promise<PushServiceStandIn> {
  const here = import.meta.dirname;
  const ca = readFileSync(join(here, 'sim-tls.crt'), 'utf8');
  const subscriptions = new Map<string, SimSubscription>();
  const requests: PushRequestLog[] = [];
  let origin = '';

  const subscribe = (): SimPushSubscription => {
    const ecdh = createECDH('prime256v1');
    ecdh.generateKeys();
    const sub: SimSubscription = {
      id: randomUUID(),
      ecdh,
      publicKey: ecdh.getPublicKey(),
      auth: randomBytes(16),
      gone: false,
      inbox: [],
    };
    subscriptions.set(sub.id, sub);
    return {
      endpoint: `${origin}/push/${sub.id}`,
      expirationTime: null,
      keys: { p256dh: b64(sub.publicKey), auth: b64(sub.auth) },
    };
  };
  const byEndpoint = (endpoint: string): SimSubscription => {
    const sub = subscriptions.get(endpoint.slice(endpoint.lastIndexOf('/') + 1));
    if (!sub) throw new Error(`no subscription ${endpoint}`);
    return sub;
  };

  const push = async (id: string, req: IncomingMessage): Promise<{ status: number; reason: string | null }> => {
    const sub = subscriptions.get(id);
    if (!sub) return { status: 404, reason: 'no such subscription' };
    if (sub.gone) return { status: 410, reason: 'subscription expired' };
    const body = await readBody(req);
    let vapid: { sub: string; key: string };
    try {
      vapid = await verifyVapid(req.headers.authorization, origin);
    } catch (error) {
      return { status: 403, reason: `VAPID: ${(error as Error).message}` };
    }
    const ttl = Number(req.headers.ttl);
    if (!Number.isInteger(ttl) || ttl < 0) return { status: 400, reason: 'TTL header missing or not a number' };
    if (req.headers['content-encoding'] !== 'aes128gcm')
      return { status: 415, reason: 'Content-Encoding is not aes128gcm' };
    const topic = (req.headers.topic as string | undefined) ?? null;
    if (topic !== null && !/^[A-Za-z0-9_-]{1,32}$/.test(topic))
      return { status: 400, reason: 'Topic is not 1-32 base64url characters' };
    const urgency = (req.headers.urgency as string | undefined) ?? 'normal';
    if (!['very-low', 'low', 'normal', 'high'].includes(urgency)) return { status: 400, reason: `Urgency ${urgency}` };
    if (body.length > 4096) return { status: 413, reason: 'payload larger than 4096 bytes' };
    let payload: string;
    try {
      payload = decryptAes128gcm(body, sub);
    } catch (error) {
      return { status: 400, reason: `cannot decrypt: ${(error as Error).message}` };
    }
    const message: ReceivedPush = {
      payload,
      topic,
      ttl,
      urgency,
      vapidSubject: vapid.sub,
      vapidKey: vapid.key,
      at: new Date().toISOString(),
    };
    const same = topic === null ? -1 : sub.inbox.findIndex((m) => m.topic === topic);
    if (same >= 0) sub.inbox.splice(same, 1);
    sub.inbox.push(message);
    return { status: 201, reason: null };
  };

  const json = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };

  const server = createServer(
    { key: readFileSync(join(here, 'sim-tls.key')), cert: ca },
    (req: IncomingMessage, res: ServerResponse) => {
      const url = new URL(req.url ?? '/', origin);
      const parts = url.pathname.split('/').filter(Boolean);
      void (async () => {
        if (req.method === 'POST' && parts[0] === 'push' && parts[1]) {
          const outcome = await push(parts[1], req);
          requests.push({ subscriptionId: parts[1], ...outcome });
          if (outcome.status === 201) res.writeHead(201, { location: `${origin}/message/${randomUUID()}` }).end();
          else json(res, outcome.status, { reason: outcome.reason });
          return;
        }
        if (parts[0] === '_sim' && parts[1] === 'subscriptions') {
          if (req.method === 'POST' && parts.length === 2) return json(res, 201, subscribe());
          const sub = parts[2] ? subscriptions.get(parts[2]) : undefined;
          if (!sub) return json(res, 404, { reason: 'no such subscription' });
          if (req.method === 'GET' && parts[3] === 'messages') return json(res, 200, { items: sub.inbox });
          if (req.method === 'POST' && parts[3] === 'gone') {
            sub.gone = true;
            return json(res, 200, { gone: true });
          }
        }
        json(res, 404, { reason: 'not found' });
      })().catch((error: unknown) => json(res, 500, { reason: (error as Error).message }));
    },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: origin,
    ca,
    subscribe,
    messages: (endpoint) => [...byEndpoint(endpoint).inbox],
    decrypt: (endpoint, body) => decryptAes128gcm(body, byEndpoint(endpoint)),
    gone: (endpoint) => {
      byEndpoint(endpoint).gone = true;
    },
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
