/** Typed calls of the migrations page (issue 20): jobs (imports, dry runs, shadow reports), each source's ledger, mailbox modes. */
import type { TMailboxSetting } from '$shared/api/mail.schemas';
import type { TMigrationJob, TMigrationRun, TStartMigrationJob } from '$shared/api/migration.schemas';
import { request } from './client';

export type { TMailboxSetting, TMigrationJob, TMigrationRun, TStartMigrationJob };

const enc = encodeURIComponent;

export const migrationApi = {
  jobs: async () => (await request<{ items: TMigrationJob[] }>('GET', 'admin/migrations/jobs')).data.items,
  job: async (id: string) => (await request<TMigrationJob>('GET', `admin/migrations/jobs/${enc(id)}`)).data,
  start: async (body: TStartMigrationJob) =>
    (await request<TMigrationJob>('POST', 'admin/migrations/jobs', { body })).data,
  resume: async (id: string) => (await request<TMigrationJob>('POST', `admin/migrations/jobs/${enc(id)}/resume`)).data,
  runs: async () => (await request<{ items: TMigrationRun[] }>('GET', 'admin/migrations')).data.items,
  mailboxes: async () => (await request<{ items: TMailboxSetting[] }>('GET', 'admin/mailboxes')).data.items,
  setMailbox: async (mailbox: string, mode: 'live' | 'shadow') =>
    (await request<TMailboxSetting>('PUT', 'admin/mailboxes', { body: { mailbox, mode } })).data,
};
