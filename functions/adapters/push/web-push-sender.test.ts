/**
 * The real `web-push` library against the push-service stand-in: VAPID checked, payload decrypted
 * by the stand-in's own RFC 8291 code, TTL/Urgency/Topic passed, a same-topic message replacing an
 * undelivered one, 410 reported as gone, and the stand-in's decryption checked on its own.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  encryptAes128gcm,
  type PushServiceStandIn,
  startPushServiceStandIn,
} from '../../../tests/simulators/push/push-service.js';
import { vapidKeys, WebPushSender } from './web-push-sender.js';

describe('WebPushSender against the push-service stand-in', () => {
  let sim: PushServiceStandIn;
  let sender: WebPushSender;
  const dataDir = mkdtempSync(join(tmpdir(), 'itil-push-'));
  beforeAll(async () => {
    sim = await startPushServiceStandIn();
    sender = new WebPushSender(vapidKeys({ dataDir }), 'mailto:support@demo.local', { extraCa: sim.ca });
  });
  afterAll(async () => {
    await sim?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const message = (payload: string, topic = 'topicA') => ({ payload, topic, ttlSeconds: 60, urgency: 'high' as const });

  it('delivers an encrypted, VAPID-signed message the service can read', async () => {
    const sub = sim.subscribe();
    expect(await sender.send(sub, message('{"title":"Assist requested: Ärger mit 🖨"}'))).toBe('sent');
    const [received] = sim.messages(sub.endpoint);
    expect(received).toMatchObject({
      payload: '{"title":"Assist requested: Ärger mit 🖨"}',
      topic: 'topicA',
      ttl: 60,
      urgency: 'high',
      vapidSubject: 'mailto:support@demo.local',
      vapidKey: sender.publicKey,
    });
  });

  it('keeps one undelivered message per topic', async () => {
    const sub = sim.subscribe();
    await sender.send(sub, message('first', 'ticket1'));
    await sender.send(sub, message('other', 'ticket2'));
    await sender.send(sub, message('second', 'ticket1'));
    expect(sim.messages(sub.endpoint).map((m) => m.payload)).toEqual(['other', 'second']);
  });

  it('reports a subscription the service calls gone (410) and an unknown one (404)', async () => {
    const sub = sim.subscribe();
    sim.gone(sub.endpoint);
    expect(await sender.send(sub, message('x'))).toBe('gone');
    expect(await sender.send({ ...sub, endpoint: `${sim.url}/push/nobody` }, message('x'))).toBe('gone');
  });

  it('keeps the data folder’s VAPID keys across restarts', () => {
    expect(vapidKeys({ dataDir }).publicKey).toBe(sender.publicKey);
    expect(vapidKeys({ dataDir, publicKey: 'pub', privateKey: 'priv' })).toEqual({
      publicKey: 'pub',
      privateKey: 'priv',
    });
  });

  it('refuses a push signed with another key than the one it claims (403, thrown)', async () => {
    const sub = sim.subscribe();
    const other = vapidKeys({ dataDir: mkdtempSync(join(tmpdir(), 'itil-push-other-')) });
    const liar = new WebPushSender({ publicKey: sender.publicKey, privateKey: other.privateKey }, 'mailto:x@y.z', {
      extraCa: sim.ca,
    });
    await expect(liar.send(sub, message('x'))).rejects.toThrow(/403/);
    expect(sim.requests.at(-1)?.reason).toMatch(/^VAPID/);
  });

  it('decrypts what RFC 8291 encryption produced, and refuses a tampered body', () => {
    const sub = sim.subscribe();
    const body = encryptAes128gcm('hello, 8291', sub);
    expect(sim.decrypt(sub.endpoint, body)).toBe('hello, 8291');
    const tampered = Buffer.from(body);
    tampered[tampered.length - 20] = (tampered[tampered.length - 20] as number) ^ 1;
    expect(() => sim.decrypt(sub.endpoint, tampered)).toThrow();
    expect(() => sim.decrypt(sim.subscribe().endpoint, body)).toThrow();
  });
});
