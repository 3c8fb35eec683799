/**
 * Discovers the function modules of a Convex folder with the same rules as the Convex bundler
 * (node_modules/convex/src/bundler/index.ts `entryPoints`), and builds the modules map that
 * convex-test expects: `{ "<abs>/convex/chat.ts": () => import(...) }`.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

export type ModuleLoader = () => Promise<Record<string, unknown>>;
export type ModulesMap = Record<string, ModuleLoader>;

const ENTRY_POINT_EXTENSIONS = [".js", ".mjs", ".cjs", ".ts", ".tsx", ".mts", ".cts", ".jsx"];

/**
 * Imports a file by absolute path; tsx and vitest both transpile .ts on the way. The module is kept:
 * convex-test asks for it on every function call, and under tsx each `import()`, even of a loaded
 * module, is a round trip to the loader hooks' thread (about a tenth of the backend's CPU).
 */
export function importFile(absPath: string): ModuleLoader {
  const url = pathToFileURL(absPath).href;
  let loaded: Promise<Record<string, unknown>> | undefined;
  return () => {
    loaded ??= (import(/* @vite-ignore */ url) as Promise<Record<string, unknown>>).catch((error: unknown) => {
      loaded = undefined; // a failed import is tried again on the next call
      throw error;
    });
    return loaded;
  };
}

function* walk(dir: string, skipDir: (dir: string) => boolean): Generator<string> {
  for (const name of readdirSync(dir).sort()) {
    const child = path.join(dir, name);
    if (statSync(child).isDirectory()) {
      if (!skipDir(child)) yield* walk(child, skipDir);
    } else {
      yield child;
    }
  }
}

/** True when the bundler would deploy this file as a function module. */
export function isEntryPoint(relPath: string, contents: () => string): boolean {
  const base = path.basename(relPath);
  if (!ENTRY_POINT_EXTENSIONS.some((ext) => relPath.endsWith(ext))) return false;
  if (relPath.startsWith("_generated" + path.sep)) return false;
  if (base.startsWith(".") || base.startsWith("#")) return false;
  if (base === "schema.ts" || base === "schema.js") return false;
  // auth.config.ts, convex.config.ts, *.test.ts, *.d.ts all have more than one dot.
  if ((base.match(/\./g) ?? []).length > 1) return false;
  if (relPath.includes(" ")) return false;
  // The bundler also drops TypeScript files that neither import nor export anything.
  if (/\.[cm]?tsx?$/.test(base) && !/^\s{0,100}(import|export)/m.test(contents())) return false;
  return true;
}

/**
 * Function modules of `convexDir` (relative path without extension -> loader), plus the
 * `_generated` marker convex-test needs to find the functions' root.
 */
export function discoverFunctionModules(convexDir: string): ModulesMap {
  const root = path.resolve(convexDir);
  // Directories that define a nested component are not part of the app (bundler rule).
  const isNestedComponent = (dir: string) => existsSync(path.join(dir, "convex.config.ts"));
  const modules: ModulesMap = {};
  for (const file of walk(root, isNestedComponent)) {
    const rel = path.relative(root, file);
    if (isEntryPoint(rel, () => readFileSync(file, "utf8"))) modules[file] = importFile(file);
  }
  // convex-test derives the root from the first key containing "_generated"; the loader is never
  // called for it because the runtime refuses paths under _generated.
  const marker = path.join(root, "_generated", "api.js");
  modules[marker] = importFile(marker);
  return modules;
}

/** Relative module name without extension ("chat", "lib/util") -> true, for path checks. */
export function moduleNames(modules: ModulesMap, convexDir: string): Set<string> {
  const root = path.resolve(convexDir);
  const names = new Set<string>();
  for (const file of Object.keys(modules)) {
    const rel = path.relative(root, file).split(path.sep).join("/");
    if (!rel.startsWith("_generated/")) names.add(rel.replace(/\.[^./]+$/, ""));
  }
  return names;
}
