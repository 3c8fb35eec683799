/**
 * The widget as it was before issue 13 (the script tag loaded the whole widget at once), built from
 * git into a temporary directory, for figures that compare before and after in one run. Cached per
 * commit: a second run reuses the build.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");
/** main just before issue 13's loader (the merge of the WordPress work). */
export const BEFORE_COMMIT = "3af148d";

/** Builds (once) and returns the `dist/` directory of `ref` ({@link BEFORE_COMMIT} unless given). */
export function beforeDist(ref: string = BEFORE_COMMIT): string {
  const commit = execFileSync("git", ["rev-parse", ref], { cwd: root, encoding: "utf8" }).trim();
  const dir = join(tmpdir(), `convex-chat-before-${commit.slice(0, 12)}`);
  const dist = join(dir, "dist");
  if (existsSync(join(dist, "convex-chat.js"))) return dist;
  mkdirSync(dir, { recursive: true });
  execFileSync("sh", ["-c", `git archive ${commit} | tar -x -C "${dir}"`], { cwd: root });
  // The same installed dependencies (that commit's lockfile differs only by later additions).
  if (!existsSync(join(dir, "node_modules"))) symlinkSync(join(root, "node_modules"), join(dir, "node_modules"));
  const build = spawnSync(join(root, "node_modules/.bin/vite"), ["build"], { cwd: dir, encoding: "utf8" });
  if (build.status !== 0) throw new Error(`vite build of ${ref} failed:\n${build.stdout}\n${build.stderr}`);
  return dist;
}
