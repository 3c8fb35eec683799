#!/usr/bin/env node
// Regenerates convex/_generated/ with no network and no deployment.
//
// `convex codegen --system-udfs` is the CLI's offline codegen: it writes the same server.* and
// dataModel.d.ts as the component-aware codegen, but no `components` export (that one needs a
// backend to analyse the components). We add it the way the component-aware codegen writes it,
// for the components convex/convex.config.ts uses. `npx convex deploy` regenerates it for real.
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const generated = join(root, "convex", "_generated");
const components = {
  persistentTextStreaming: "@convex-dev/persistent-text-streaming/_generated/component.js",
  rateLimiter: "@convex-dev/rate-limiter/_generated/component.js",
  rag: "@convex-dev/rag/_generated/component.js",
};

const cli = join(root, "node_modules", ".bin", "convex");
const run = spawnSync(cli, ["codegen", "--system-udfs", "--typecheck", "disable"], {
  cwd: root,
  stdio: "inherit",
});
if (run.status !== 0) process.exit(run.status ?? 1);

const apiJs = join(generated, "api.js");
writeFileSync(
  apiJs,
  readFileSync(apiJs, "utf8").replace(
    'import { anyApi } from "convex/server";',
    'import { anyApi, componentsGeneric } from "convex/server";',
  ),
);
appendOnce(apiJs, "export const components = componentsGeneric();\n");
const members = Object.entries(components)
  .map(([name, module]) => `  ${name}: import(${JSON.stringify(module)}).ComponentApi<${JSON.stringify(name)}>;`)
  .join("\n");
appendOnce(join(generated, "api.d.ts"), `export declare const components: {\n${members}\n};\n`);
console.log("convex/_generated/ written (with the components export).");

function appendOnce(file, text) {
  const source = readFileSync(file, "utf8");
  if (source.includes("export declare const components") || source.includes("export const components")) return;
  writeFileSync(file, `${source.trimEnd()}\n\n${text}`);
}
