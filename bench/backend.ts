/**
 * The local backend for the benchmarks, in its own process (as e2e and the demo run it), so the
 * measuring client does not share its event loop. Write statistics come from its dev-only
 * `GET /_stats` endpoint (local-backend/src/write-stats.ts).
 */
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawnBackend, type SpawnedBackend } from "../scripts/spawn-backend.mjs";
import type { WriteStatsSnapshot } from "../local-backend/src/index.ts";

export type BenchBackend = SpawnedBackend & { stats(): Promise<WriteStatsSnapshot>; logFile: string };

/** `env` is the deployment's environment (e.g. PERSIST_POLICY); `name` tells the log files apart. */
export async function startBenchBackend(options: { env?: Record<string, string>; name?: string } = {}): Promise<BenchBackend> {
  const logFile = join(tmpdir(), `convex-chat-bench-backend${options.name ? `-${options.name}` : ""}.log`);
  const backend = await spawnBackend({ logFile, env: options.env });
  const stats = async () => {
    const response = await fetch(`${backend.url}/_stats`);
    if (!response.ok) throw new Error(`GET /_stats answered ${response.status}`);
    return (await response.json()) as WriteStatsSnapshot;
  };
  return { ...backend, stats, logFile };
}

/** What changed between two snapshots. */
export function statsDelta(before: WriteStatsSnapshot, after: WriteStatsSnapshot): WriteStatsSnapshot {
  const tables = new Set([...Object.keys(before.documentsWrittenByTable), ...Object.keys(after.documentsWrittenByTable)]);
  const documentsWrittenByTable: Record<string, number> = {};
  for (const table of tables) {
    const n = (after.documentsWrittenByTable[table] ?? 0) - (before.documentsWrittenByTable[table] ?? 0);
    if (n > 0) documentsWrittenByTable[table] = n;
  }
  return {
    commits: after.commits - before.commits,
    documentsWritten: after.documentsWritten - before.documentsWritten,
    documentsWrittenByTable,
  };
}
