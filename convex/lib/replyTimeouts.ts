type Env = Record<string, string | undefined>;

/** Default for `REPLY_IDLE_TIMEOUT_MS`: a reply silent this long ends as `timeout`. */
export const DEFAULT_REPLY_IDLE_TIMEOUT_MS = 60_000;

/**
 * A `pending` reply older than this can no longer be started: POST /chat-stream ends it as
 * `timeout` and answers 410. The visitor was long gone or the driver never came; generating an
 * answer to a stale question out of the blue would surprise more than it helps. (On a cloud
 * deployment the component's own cron times its stream out 20 minutes after creation anyway.)
 */
export const PENDING_REPLY_MAX_AGE_MS = 10 * 60_000;

/** Reason stored on a reply the watchdog ended. */
export const IDLE_TIMEOUT_REASON = "The reply stopped making progress and was ended.";
/** Reason stored on a pending reply that was never started in time. */
export const NOT_STARTED_REASON = "The reply was not started in time; send the message again.";

/** How long a `streaming` reply may go without progress (`REPLY_IDLE_TIMEOUT_MS`, ms, > 0). */
export function replyIdleTimeoutMs(env: Env = process.env): number {
  const parsed = Number(env.REPLY_IDLE_TIMEOUT_MS);
  return Number.isInteger(parsed) && parsed > 0 ? parsed : DEFAULT_REPLY_IDLE_TIMEOUT_MS;
}

/** How often a generating reply records progress: well inside the idle timeout. */
export function activityIntervalMs(env: Env = process.env): number {
  return Math.floor(replyIdleTimeoutMs(env) / 3);
}

/** Default for `SERVER_DRIVE_DELAY_MS`: how long a reply may wait for a browser before the server generates it. */
export const DEFAULT_SERVER_DRIVE_DELAY_MS = 10_000;

/**
 * How long after its message a `pending` reply waits for a client to drive it (POST /chat-stream)
 * before the server generates it itself (`SERVER_DRIVE_DELAY_MS`, ms, > 0): the tab that sent it
 * may have closed, and other viewers read the stored text.
 */
export function serverDriveDelayMs(env: Env = process.env): number {
  const parsed = Number(env.SERVER_DRIVE_DELAY_MS);
  return Number.isInteger(parsed) && parsed > 0 ? parsed : DEFAULT_SERVER_DRIVE_DELAY_MS;
}
