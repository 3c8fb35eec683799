import { internal } from "../_generated/api";
import type { Id } from "../_generated/dataModel";
import type { ActionCtx } from "../_generated/server";
import type { StopRequestWatcher } from "./stopRequestWatcher";
import { activityIntervalMs } from "./replyTimeouts";

/**
 * Records progress for the watchdog, at most once per activity interval and never in the way of
 * generation: the mark is not awaited per token, and at most one is in flight. A failed mark is
 * only logged; the watchdog then sees no progress, which is the truth it needs. Each mark also
 * answers whether the reply must stop, which goes to `stop`.
 */
export function activityRecorder(ctx: ActionCtx, messageId: Id<"messages">, stop: StopRequestWatcher) {
  const intervalMs = activityIntervalMs();
  let last = Date.now();
  let inFlight: Promise<void> | undefined;
  return {
    record(): void {
      if (inFlight || Date.now() - last < intervalMs) return;
      last = Date.now();
      inFlight = ctx
        .runMutation(internal.replyWatchdog.touchReply, { messageId })
        .then((stopRequested) => stop.learn(stopRequested))
        .catch((error) => console.error(`Progress mark for ${messageId} failed:`, error))
        .finally(() => (inFlight = undefined));
    },
    /** Waits for the mark in flight, so none outlives the reply it marks. */
    async settled(): Promise<void> {
      await inFlight;
    },
  };
}
