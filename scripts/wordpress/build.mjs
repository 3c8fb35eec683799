// `npm run build:wordpress`: builds the widget (vite), copies the plugin with the two bundled
// scripts (assets/convex-chat.js, assets/convex-chat-console.js: nothing loaded remotely) and a
// fresh .pot into a staging folder, and zips it as dist/convex-chat-wordpress.zip, installable as
// is (Plugins → Add New → Upload Plugin).
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { makePot, pluginDir } from "./make-pot.mjs";

const root = resolve(import.meta.dirname, "../..");
export const zipPath = join(root, "dist/convex-chat-wordpress.zip");

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, encoding: "utf8", ...options });
  if (result.error?.code === "ENOENT") throw new Error(`${command} is not installed (run: sudo bash scripts/wordpress/install.sh)`);
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed:\n${result.stdout}\n${result.stderr}`);
  return result;
}

// The script tag's loader, the widget it loads from beside it, and the console.
const BUNDLES = ["convex-chat.js", "convex-chat-widget.js", "convex-chat-console.js"];

/** Builds the zip; returns its path. `skipVite` when dist/ was just built. */
export function buildWordPressZip({ skipVite = false } = {}) {
  if (!skipVite) run(join(root, "node_modules/.bin/vite"), ["build"]);
  for (const bundle of BUNDLES) {
    if (!existsSync(join(root, "dist", bundle))) throw new Error(`dist/${bundle} is missing: vite build did not write it`);
  }
  writeFileSync(join(pluginDir, "languages/convex-chat.pot"), makePot());
  const staging = mkdtempSync(join(tmpdir(), "convex-chat-wp-zip-"));
  try {
    const plugin = join(staging, "convex-chat");
    cpSync(pluginDir, plugin, { recursive: true });
    mkdirSync(join(plugin, "assets"), { recursive: true });
    for (const bundle of BUNDLES) cpSync(join(root, "dist", bundle), join(plugin, "assets", bundle));
    rmSync(zipPath, { force: true });
    run("zip", ["-qr", "-X", zipPath, "convex-chat"], { cwd: staging });
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return zipPath;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(`${buildWordPressZip()} written`);
}
