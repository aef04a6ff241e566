/** Start-up configuration: refusals name the setting; local.settings.example.json documents every key. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFIG_KEYS, ConfigError, HOST_SETTINGS, loadConfig } from '../../functions/config/config.js';
import { ROOT } from './template-helpers.js';

const problemsOf = (env: Record<string, string>, file: Record<string, unknown> = {}): string[] => {
  try {
    loadConfig(env, file);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
};

describe('loadConfig', () => {
  it('names a missing setting', () => {
    expect(problemsOf({ STORE: 'cosmos' })).toEqual([expect.stringMatching(/^COSMOS_ENDPOINT: /)]);
    expect(problemsOf({ QUEUE: 'servicebus' })).toEqual([expect.stringMatching(/^SERVICEBUS_NAMESPACE: /)]);
  });

  it('names an invalid setting', () => {
    expect(problemsOf({ PORT: 'eighty' })).toEqual([expect.stringMatching(/^PORT: /)]);
    expect(problemsOf({ STORE: 'mongo' })).toEqual([expect.stringMatching(/^STORE: /)]);
  });

  it('refuses dev sign-in when running in Azure', () => {
    expect(
      problemsOf({
        BLOB_STORE: 'file',
        WEBSITE_INSTANCE_ID: 'abc',
        MAIL_SIGNING_SECRET: 'x'.repeat(32),
        PUSH_PROVIDER: 'off',
        LIVE_PROVIDER: 'off',
      }),
    ).toEqual([expect.stringMatching(/^AUTH_MODE: dev sign-in is refused/)]);
  });

  it('refuses the local live channel in Azure (it reaches only one process) and needs the Web PubSub endpoint', () => {
    const azure = {
      BLOB_STORE: 'file',
      WEBSITE_INSTANCE_ID: 'abc',
      MAIL_SIGNING_SECRET: 'x'.repeat(32),
      PUSH_PROVIDER: 'off',
      AUTH_MODE: 'azure',
      AZURE_SWA_HOSTNAME: 'x.azurestaticapps.net',
    };
    expect(problemsOf(azure)).toEqual([expect.stringMatching(/^LIVE_PROVIDER: local works in one local process only/)]);
    expect(problemsOf({ ...azure, LIVE_PROVIDER: 'web-pubsub' })).toEqual([
      'WEB_PUBSUB_ENDPOINT: is required when LIVE_PROVIDER=web-pubsub',
    ]);
    expect(
      problemsOf({ ...azure, LIVE_PROVIDER: 'web-pubsub', WEB_PUBSUB_ENDPOINT: 'https://wps.webpubsub.azure.com' }),
    ).toEqual([]);
  });

  it('needs one VAPID key pair for web push in Azure', () => {
    const azure = { BLOB_STORE: 'file', WEBSITE_INSTANCE_ID: 'abc', MAIL_SIGNING_SECRET: 'x'.repeat(32) };
    expect(problemsOf(azure)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^VAPID_PUBLIC_KEY: is required in Azure/),
        expect.stringMatching(/^VAPID_PRIVATE_KEY: is required in Azure/),
      ]),
    );
    expect(problemsOf({ ...azure, PUSH_PROVIDER: 'push-sim' })).toEqual(
      expect.arrayContaining([expect.stringMatching(/^PUSH_PROVIDER: push-sim is for local runs/)]),
    );
    expect(problemsOf({ VAPID_SUBJECT: 'support@x.example' })).toEqual([expect.stringMatching(/^VAPID_SUBJECT: /)]);
  });

  it('needs a way to sign in for AUTH_MODE=azure', () => {
    expect(problemsOf({ AUTH_MODE: 'azure' })).toEqual([expect.stringMatching(/^AZURE_SWA_HOSTNAME: /)]);
    expect(problemsOf({ AUTH_MODE: 'azure', AZURE_API_AUDIENCE: 'api://x' })).toEqual([
      expect.stringMatching(/^AZURE_TENANT_ID: /),
    ]);
    expect(problemsOf({ AUTH_MODE: 'azure', AZURE_SWA_HOSTNAME: 'a.azurestaticapps.net' })).toEqual([]);
  });

  it('refuses an unknown key in local.settings.json values', () => {
    expect(problemsOf({}, { COSMOS_ENDPIONT: 'https://x' })).toEqual([
      expect.stringMatching(/^COSMOS_ENDPIONT: unknown setting/),
    ]);
  });
});

describe('local.settings.example.json', () => {
  const example = JSON.parse(readFileSync(join(ROOT, 'local.settings.example.json'), 'utf8')) as {
    Values: Record<string, string>;
    _comments: Record<string, string>;
  };

  it('lists and explains every key of the configuration schema', () => {
    const keys = Object.keys(example.Values);
    expect(CONFIG_KEYS.filter((k) => !keys.includes(k))).toEqual([]);
    expect(CONFIG_KEYS.filter((k) => !example._comments[k])).toEqual([]);
  });

  it('is itself a valid local configuration', () => {
    const known = new Set<string>([...CONFIG_KEYS, ...HOST_SETTINGS]);
    expect(Object.keys(example.Values).filter((k) => !known.has(k))).toEqual([]);
    expect(problemsOf({}, example.Values)).toEqual([]);
  });
});

describe('host.json', () => {
  const host = JSON.parse(readFileSync(join(ROOT, 'host.json'), 'utf8')) as Record<string, unknown> & {
    extensionBundle: { version: string };
    extensions: { serviceBus: { maxConcurrentCalls: number; autoCompleteMessages: boolean } };
  };

  it('uses extension bundle v4 and completes Service Bus messages only after the handler succeeds', () => {
    expect(host.extensionBundle.version).toBe('[4.*, 5.0.0)');
    expect(host.extensions.serviceBus.autoCompleteMessages).toBe(true);
    expect(host.extensions.serviceBus.maxConcurrentCalls).toBeGreaterThan(0);
    expect(host['functionTimeout']).toMatch(/^00:(0[1-9]|10):00$/);
  });
});
