/**
 * The shape of every JSON column that the code reads back, parsed with zod on the way
 * out instead of cast. A row that does not match fails loudly, naming the column and
 * the paths that differ (never the values: they can be answers), rather than letting a
 * wrong shape travel on as a typed object.
 *
 * Written-only JSON (AuditEvent.details) has no schema here: nothing in the service
 * reads it back.
 */
import { z } from 'zod';
import { AnswerSchema, DIMENSIONS, TREND_STATES } from '../scoring/index.js';
import type { MeasureTrend, SummaryStat, SummaryStats, SummaryTrends } from '../scoring/team-summary.js';

/** A stored JSON value that does not have the shape its column promises. */
export class StoredJsonError extends Error {
  override name = 'StoredJsonError';
}

/** Parses one stored JSON value; `what` names the column (and row) for the error. */
export function parseStored<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const paths = parsed.error.issues
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.code}`)
    .join('; ');
  throw new StoredJsonError(`${what} does not have its stored shape (${paths})`);
}

/** Answer.values: item id → 1..5, the cycle's items exactly (checked when stored). */
export const AnswerValuesSchema = AnswerSchema;

const SummaryStatSchema = z.object({
  n: z.number().int().min(0),
  mean: z.number(),
  sd: z.number(),
  ciLow: z.number(),
  ciHigh: z.number(),
}) satisfies z.ZodType<SummaryStat>;

/** TeamSummary.stats of a released summary. */
export const SummaryStatsSchema = z.object({
  itemIds: z.array(z.string()),
  dimensions: z.partialRecord(z.enum(DIMENSIONS), SummaryStatSchema),
  connectionComposite: SummaryStatSchema.nullable(),
  connectionIndex: SummaryStatSchema.nullable(),
  powerOverIndex: SummaryStatSchema.nullable(),
  connectionPrior: z
    .object({ mean: z.number(), tau2: z.number(), teams: z.number().int() })
    .nullable()
    .default(null),
}) satisfies z.ZodType<SummaryStats>;

const MeasureTrendSchema = z.object({
  state: z.enum(TREND_STATES).nullable(),
  direction: z.enum(['up', 'down', 'flat', 'none']),
}) satisfies z.ZodType<MeasureTrend>;

/** TeamSummary.trendStates of a released summary. */
export const SummaryTrendsSchema = z.object({
  connection: MeasureTrendSchema,
  dimensions: z.partialRecord(z.enum(DIMENSIONS), MeasureTrendSchema),
}) satisfies z.ZodType<SummaryTrends>;

const NamedSchema = z.looseObject({ name: z.string().optional() });

/**
 * Installation.metadata: Bolt's Installation minus every secret. Loose, because the rest
 * of Bolt's fields are handed back to Bolt as they were stored.
 */
export const InstallationMetadataSchema = z.looseObject({
  team: NamedSchema.nullish(),
  enterprise: NamedSchema.nullish(),
  user: z.looseObject({ id: z.string().optional(), scopes: z.array(z.string()).optional() }).nullish(),
  bot: z
    .looseObject({
      id: z.string().optional(),
      userId: z.string().optional(),
      scopes: z.array(z.string()).optional(),
    })
    .nullish(),
  authVersion: z.enum(['v1', 'v2']).optional(),
});
export type InstallationMetadata = z.infer<typeof InstallationMetadataSchema>;
