/**
 * Registers the components an app installs in `convex/convex.config.ts`. `app.use()` only works
 * inside the Convex bundler (it needs `componentDefinitionPath`), so the config is read as text:
 * each `app.use(x, { name? })` is matched with the import of `x`, and the component's folder
 * (the directory of its convex.config.js) supplies the schema and function modules.
 */
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { SchemaDefinition, GenericSchema } from "convex/server";
import { importFile, type ModulesMap } from "./modules.ts";

export type ComponentRegistration = {
  name: string;
  schema: SchemaDefinition<GenericSchema, boolean>;
  modules: ModulesMap;
};

const IMPORT_RE = /import\s+(\w+)\s+from\s+["']([^"']+)["']/g;
const DEFINE_RE = /defineComponent\(\s*["']([^"']+)["']/;
const USE_RE = /\.use\(\s*(\w+)\s*(?:,\s*\{[^}]*?name\s*:\s*["']([^"']+)["'][^}]*\})?/g;

function componentModules(dir: string): ModulesMap {
  const modules: ModulesMap = {};
  const visit = (d: string) => {
    for (const name of readdirSync(d)) {
      const file = path.join(d, name);
      if (statSync(file).isDirectory()) visit(file);
      else if (/\.(m?js|ts)$/.test(name) && !name.endsWith(".d.ts") && !name.startsWith("convex.config.")) {
        modules[file] = importFile(file);
      }
    }
  };
  visit(dir);
  return modules;
}

/** Finds and loads every component used by the app in `convexDir`, child components included. */
export async function discoverComponents(convexDir: string): Promise<ComponentRegistration[]> {
  const configFile = ["convex.config.ts", "convex.config.js"].map((f) => path.join(convexDir, f)).find((f) => existsSync(f));
  return configFile ? await componentsUsedBy(configFile, "") : [];
}

/**
 * The components a config file `use`s, each named under `prefix`, then their own children
 * (e.g. the rate limiter's `rateLimiter/batchWorker`): convex-test registers a child by that path.
 */
async function componentsUsedBy(configFile: string, prefix: string): Promise<ComponentRegistration[]> {
  const source = readFileSync(configFile, "utf8");
  const imports = new Map<string, string>();
  for (const m of source.matchAll(IMPORT_RE)) imports.set(m[1], m[2]);
  const require = createRequire(configFile);
  const found: ComponentRegistration[] = [];
  for (const m of source.matchAll(USE_RE)) {
    const specifier = imports.get(m[1]);
    if (!specifier) throw new Error(`${configFile}: cannot find the import of component "${m[1]}"`);
    let definitionFile: string;
    try {
      definitionFile = require.resolve(specifier);
    } catch {
      definitionFile = require.resolve(specifier.endsWith(".js") ? specifier : `${specifier}.js`);
    }
    const dir = path.dirname(definitionFile);
    // Read as text too: a definition that `use`s a child component throws when imported here.
    const name = m[2] ?? readFileSync(definitionFile, "utf8").match(DEFINE_RE)?.[1];
    if (!name) throw new Error(`${definitionFile}: component has no name`);
    const schemaFile = ["schema.js", "schema.ts"].map((f) => path.join(dir, f)).find(existsSync);
    if (!schemaFile) throw new Error(`${dir}: component "${name}" has no schema`);
    const schema = (await importFile(schemaFile)()).default as ComponentRegistration["schema"];
    found.push({ name: prefix + name, schema, modules: componentModules(dir) });
    found.push(...(await componentsUsedBy(definitionFile, `${prefix}${name}/`)));
  }
  return found;
}
