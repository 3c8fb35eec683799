/**
 * Issue 6: the same 8 KB reply and the same first-byte run through the component's default
 * persistence policy (PERSIST_POLICY=sentence) and ours (timed), each on its own backend process
 * (the policy is deployment env, fixed when the backend starts), side by side.
 */
import { TIMED_DEFAULTS } from "../convex/lib/persistPolicy.ts";
import { kib, ms, type Figure } from "./stats.ts";
import type { WritesPerReply } from "./writes-per-reply.ts";

export type PolicyRun = { writes: WritesPerReply; firstByte: { p50: number; p95: number } };

const ratio = (ours: number, theirs: number) => `${(ours / theirs).toFixed(2)}× (1/${(theirs / ours).toFixed(1)})`;

export function comparePolicies(sentence: PolicyRun, timed: PolicyRun, tokenDelayMs: number, firstByteReplies: number): Figure {
  const row = (name: string, run: PolicyRun) =>
    `${name}: ${run.writes.commits} commits, ${run.writes.chunkWrites} chunk documents; watcher ${run.writes.watcherBytes} bytes ` +
    `(${kib(run.writes.watcherBytes)}) in ${run.writes.watcherMessages} messages; first byte p50 ${ms(run.firstByte.p50)}, p95 ${ms(run.firstByte.p95)}`;
  const writesOk = timed.writes.commits * 3 <= sentence.writes.commits && timed.writes.chunkWrites * 3 <= sentence.writes.chunkWrites;
  const bytesOk = timed.writes.watcherBytes * 3 <= sentence.writes.watcherBytes;
  // "No slower": the p50 within 10% (the run-to-run noise of a loaded 2-core machine) or better.
  const firstByteOk = timed.firstByte.p50 <= sentence.firstByte.p50 * 1.1;
  const met = writesOk && bytesOk && firstByteOk;
  return {
    title: "Issue 6 — persistence policy, side by side: the component's default (sentence) vs ours (timed)",
    results: [
      row("sentence (component default)", sentence),
      row(
        `timed (ours: ${TIMED_DEFAULTS.sizeChars} chars / ${TIMED_DEFAULTS.maxAgeMs / 1000} s max age / ${TIMED_DEFAULTS.minIntervalMs} ms min interval)`,
        timed,
      ),
      `ratio timed/sentence: commits ${ratio(timed.writes.commits, sentence.writes.commits)}, chunk documents ` +
        `${ratio(timed.writes.chunkWrites, sentence.writes.chunkWrites)}, watcher bytes ${ratio(timed.writes.watcherBytes, sentence.writes.watcherBytes)}, ` +
        `first byte p50 ${(timed.firstByte.p50 / sentence.firstByte.p50).toFixed(2)}×`,
      `target (writes and watcher bytes ≤ 1/3, first byte no slower): ${met ? "MET" : "NOT MET"} ` +
        `(writes ${writesOk ? "ok" : "no"}, bytes ${bytesOk ? "ok" : "no"}, first byte ${firstByteOk ? "ok" : "no"})`,
    ],
    method:
      `two local backends in child processes, one after the other, identical but for PERSIST_POLICY (sentence, then timed); ` +
      `on each, figure [1]'s first-byte run (${firstByteReplies} replies + 1 warm-up) and figure [2]'s 8 KB reply with a watching ` +
      `tab ("reply with 8192 characters", OFFLINE_TOKEN_DELAY_MS=${tokenDelayMs}); commits and chunk documents from GET /_stats, ` +
      `watcher bytes = WebSocket payload bytes to a second client subscribed to chat:getStreamBody. "No slower" allows 10% noise on the p50.`,
  };
}
