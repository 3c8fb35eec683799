// A site's retention period (`retentionDays`): conversations inactive for longer are deleted by a
// daily sweep per site (erasure.ts `sweepSite`), a scheduled function that reschedules itself.
import { internal } from "../_generated/api";
import type { Doc } from "../_generated/dataModel";
import type { MutationCtx } from "../_generated/server";

const DAY_MS = 24 * 60 * 60 * 1000;
/** How often a site's sweep runs. */
export const RETENTION_SWEEP_INTERVAL_MS = DAY_MS;
/** Longest retention period accepted (ten years). */
export const MAX_RETENTION_DAYS = 3_650;

/** Conversations last active before this time are past a retention of `days`. */
export function retentionCutoff(days: number, now = Date.now()): number {
  return now - days * DAY_MS;
}

/**
 * Starts the site's sweep now when it has a retention period and no sweep is due (none was ever
 * scheduled, or the one recorded is overdue: it was lost). Called whenever a site is written.
 */
export async function ensureRetentionSweep(ctx: MutationCtx, site: Doc<"sites">): Promise<void> {
  if (site.retentionDays === undefined) return;
  if (site.retentionSweepAt !== undefined && site.retentionSweepAt + DAY_MS > Date.now()) return;
  await ctx.db.patch(site._id, { retentionSweepAt: Date.now() });
  await ctx.scheduler.runAfter(0, internal.erasure.sweepSite, { siteId: site._id });
}
