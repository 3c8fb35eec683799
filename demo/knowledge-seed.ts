// The demo site's knowledge base: its help pages (demo/help/*.html), fetched from the demo server
// by the deployment's own `knowledge:seedPages` (the same path as an owner's `knowledge:addUrl`),
// so the demo's answers and their sources are real.
import { readdirSync } from "node:fs";
import { resolve } from "node:path";

/** The help pages' paths on the demo server, e.g. `/help/shipping.html`. */
export function demoHelpPaths(): string[] {
  return readdirSync(resolve(import.meta.dirname, "help"))
    .filter((name) => name.endsWith(".html"))
    .sort()
    .map((name) => `/help/${name}`);
}

/** Seeds the `demo` site's knowledge with the help pages served at `demoUrl`. */
export async function seedDemoKnowledge(
  runAction: (name: string, args: Record<string, unknown>) => Promise<unknown>,
  demoUrl: string,
): Promise<void> {
  await runAction("knowledge:seedPages", { siteKey: "demo", urls: demoHelpPaths().map((path) => `${demoUrl}${path}`) });
}
