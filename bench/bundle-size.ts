/** Issue 3: size of the script-tag bundle, raw and gzip (level 9), against the 40 KB budget. */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { kib, type Figure } from "./stats.ts";

const root = resolve(import.meta.dirname, "..");
export const BUNDLE = join(root, "dist/convex-chat.js");
const BUDGET_BYTES = 40 * 1024;

/**
 * Builds the widget. Always, not by comparing file times: a build left by a run against a
 * half-edited tree looks newer than the sources and would be measured instead (it took < 1 s).
 */
export function ensureBuilt(): "built" {
  const build = spawnSync(join(root, "node_modules/.bin/vite"), ["build"], { cwd: root, encoding: "utf8" });
  if (build.status !== 0) throw new Error(`vite build failed:\n${build.stdout}\n${build.stderr}`);
  return "built";
}

export function measureBundleSize(buildState: string): Figure {
  const raw = readFileSync(BUNDLE);
  const gzip = gzipSync(raw, { level: 9 }).length;
  const verdict = gzip <= BUDGET_BYTES ? "within" : "OVER";
  return {
    title: "Issue 3 — script-tag bundle dist/convex-chat.js (IIFE, Lit and the Convex client inside)",
    results: [
      `gzip ${gzip} bytes (${kib(gzip)}), raw ${raw.length} bytes (${kib(raw.length)}); budget 40 KB gzip: ${verdict} (${kib(BUDGET_BYTES - gzip)} left)`,
    ],
    method: `vite build (${buildState}), then node:zlib gzipSync level 9 of the whole file; 1 KB = 1024 bytes.`,
  };
}
