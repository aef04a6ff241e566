/** Shared building blocks of the API's request/response schemas (zod, validated at the edge). */
import { z } from 'zod';

/** Free text: notes, contributions, answers, replies. 100k characters keeps a request well under 1 MB. */
export const ZBody = z.string().trim().min(1, 'must not be empty').max(100_000);
export const ZId = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9_.~-]+$/, 'must be an id');
export const ZReason = z.string().trim().min(1, 'must not be empty').max(2_000);
export const ZCursor = z.string().min(1).max(2_048);
export const ZLimit = z.coerce.number().int().min(1).max(100).default(25);

/** A query parameter listing values of one enum, comma-separated (`status=open,pending`). */
export const csv = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .transform((s) => s.split(',').filter((v) => v !== ''))
    .pipe(z.array(z.enum(values)).min(1));

export const ZActorRef = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('agent'), agentId: z.string() }),
  z.object({ kind: z.literal('system'), name: z.string() }),
  z.object({ kind: z.literal('customer'), email: z.string() }),
  z.object({ kind: z.literal('mailbox'), address: z.string(), teamId: z.string() }),
]);

export const ZProblem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  code: z.string(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type TProblem = z.infer<typeof ZProblem>;

export const page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });
