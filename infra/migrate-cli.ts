/**
 * The `npm run migrate` command line (issue 20): its options and the report it prints, kept apart
 * from the wiring in migrate.ts so both are tested without a data folder.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import type { Counts } from '../shared/migration/migration-ledger.js';
import type { MigrationProgress, MigrationReport } from '../shared/migration/migration-run.js';

export const USAGE = `Usage: npm run migrate -- --from zendesk --url https://acme.zendesk.com --email you@acme.example --token <api token>
         [--mapping mapping.json] [--dry-run] [--concurrency 4]
  ZENDESK_PROVIDER=zendesk-sim npm run migrate -- --from zendesk   (against the bundled simulator)
  The settings may also come from ZENDESK_URL, ZENDESK_EMAIL and ZENDESK_TOKEN.
       npm run migrate -- --from zammad --url https://support.acme.example --token <token> (ZAMMAD_PROVIDER=zammad-sim)
       npm run migrate -- --from file --path export.json|csv-folder [--mapping mapping.json] [--dry-run]`;

const common = {
  mapping: z.string().min(1).optional(),
  dryRun: z.boolean(),
  concurrency: z.coerce.number().int().min(1).max(32),
};
const ZOptions = z.discriminatedUnion('from', [
  z.strictObject({
    from: z.literal('zendesk'),
    url: z.url({ protocol: /^https?$/ }),
    email: z.string().min(1),
    token: z.string().min(1),
    ...common,
  }),
  z.strictObject({
    from: z.literal('zammad'),
    url: z.url({ protocol: /^https?$/ }),
    token: z.string().min(1),
    ...common,
  }),
  z.strictObject({ from: z.literal('file'), path: z.string().min(1), ...common }),
]);
export type MigrateOptions = z.infer<typeof ZOptions>;

/**
 * The options from argv and the environment; `simulator` fills url, email and token when the
 * simulator runs (ZENDESK_PROVIDER=zendesk-sim).
 */
export function parseMigrateArgs(
  argv: readonly string[],
  env: Record<string, string | undefined>,
  simulator?: { url: string; email: string; token: string },
): { ok: true; value: MigrateOptions } | { ok: false; message: string } {
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({
      args: [...argv],
      options: {
        from: { type: 'string' },
        url: { type: 'string' },
        email: { type: 'string' },
        token: { type: 'string' },
        path: { type: 'string' },
        mapping: { type: 'string' },
        'dry-run': { type: 'boolean' },
        concurrency: { type: 'string' },
      },
      strict: true,
    }).values;
  } catch (error) {
    return { ok: false, message: `${(error as Error).message}\n${USAGE}` };
  }
  const common = {
    ...(values.mapping ? { mapping: values.mapping } : {}),
    dryRun: values['dry-run'] === true,
    concurrency: values.concurrency ?? '4',
  };
  const parsed = ZOptions.safeParse(
    values.from === 'file'
      ? { from: 'file', path: values.path, ...common }
      : values.from === 'zammad'
        ? {
            from: 'zammad',
            url: values.url ?? simulator?.url ?? env.ZAMMAD_URL,
            token: values.token ?? simulator?.token ?? env.ZAMMAD_TOKEN,
            ...common,
          }
        : {
            from: values.from,
            url: values.url ?? simulator?.url ?? env.ZENDESK_URL,
            email: values.email ?? simulator?.email ?? env.ZENDESK_EMAIL,
            token: values.token ?? simulator?.token ?? env.ZENDESK_TOKEN,
            ...common,
          },
  );
  if (!parsed.success)
    return {
      ok: false,
      message: `${parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('\n')}\n${USAGE}`,
    };
  return { ok: true, value: parsed.data };
}

const line = (name: string, c: Counts[keyof Counts]) =>
  `  ${name.padEnd(14)} ${String(c.imported).padStart(7)} ${String(c.skipped).padStart(8)} ${String(c.rejected).padStart(9)}`;

export function progressLine(p: MigrationProgress): string {
  const t = p.counts.tickets;
  return `  ${p.phase}: ${t.imported} tickets in, ${t.skipped} already here, ${t.rejected} refused`;
}

/** The final report: counts, unmapped values, refused rows with their reasons (the first 50). */
export function formatReport(report: MigrationReport, extra: { seconds: number; rateLimitWaitMs: number }): string {
  const out: string[] = [];
  const verb = report.dryRun
    ? 'Dry run (nothing written)'
    : report.finished
      ? 'Migration finished'
      : 'Migration stopped';
  out.push(`${verb}: ${report.source} in ${extra.seconds.toFixed(1)} s`);
  if (report.resumedFrom) out.push(`  resumed from the saved cursor ${report.resumedFrom}`);
  out.push(
    `  ${''.padEnd(14)} ${(report.dryRun ? 'would' : 'in').padStart(7)} ${'skipped'.padStart(8)} ${'refused'.padStart(9)}`,
  );
  for (const [name, c] of Object.entries(report.counts)) out.push(line(name, c));
  const rate = report.counts.tickets.imported / Math.max(extra.seconds, 0.001);
  out.push(
    `  ${rate.toFixed(0)} tickets/s; waited ${(extra.rateLimitWaitMs / 1000).toFixed(1)} s on the source's rate limit`,
  );
  const unmapped = Object.entries(report.unmapped).filter(([, values]) => Object.keys(values).length > 0);
  if (unmapped.length > 0) {
    out.push('Unmapped (defaults used; map them in --mapping):');
    for (const [kind, values] of unmapped)
      out.push(
        `  ${kind}: ${Object.entries(values)
          .map(([v, n]) => `${v} (${n})`)
          .join(', ')}`,
      );
  }
  if (report.rejected.length > 0) {
    out.push(`Refused (${report.rejected.length}):`);
    for (const r of report.rejected.slice(0, 50)) out.push(`  ${r.kind} ${r.sourceId}: ${r.reason}`);
    if (report.rejected.length > 50) out.push(`  ... and ${report.rejected.length - 50} more`);
  }
  return out.join('\n');
}
