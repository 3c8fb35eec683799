/**
 * A log for failures that repeat: a failing subscription fails again on every commit, on every
 * connection that holds it, and printing its stack each time filled the terminal (13.5 MB after
 * five commits with a few thousand subscriptions). Each distinct line (its request id aside) is
 * printed once per {@link REPEAT_WINDOW_MS}, then with how many times it was left out.
 */
export const REPEAT_WINDOW_MS = 60_000;
const MAX_KEYS = 1000;

export function logOnce(log: (line: string) => void, now: () => number = Date.now): (line: string) => void {
  const seen = new Map<string, { at: number; skipped: number }>();
  return (line) => {
    const key = line.replace(/\[Request ID: \w+\] /, "");
    const entry = seen.get(key);
    if (entry && now() - entry.at < REPEAT_WINDOW_MS) {
      entry.skipped += 1;
      return;
    }
    const skipped = entry?.skipped ?? 0;
    seen.delete(key); // re-inserted last: Map order is the eviction order
    seen.set(key, { at: now(), skipped: 0 });
    if (seen.size > MAX_KEYS) seen.delete(seen.keys().next().value!);
    log(skipped > 0 ? `${line}\n(the same failure happened ${skipped} more times since it was last logged)` : line);
  };
}
