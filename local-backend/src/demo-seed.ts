// What every local backend starts with (`npm run backend`, `npm start`, tests): the site `demo`
// (pages on http://localhost:* and http://127.0.0.1:*) and its owner for the console.
import { readFileSync } from "node:fs";
import type { Value } from "convex/values";
import type { LocalBackend } from "./index.ts";

/** The seeded owner of `demo` (README, "Operators and the console API"). */
export const DEMO_OWNER_EMAIL = "owner@demo.test";
/** Their password unless DEMO_OWNER_PASSWORD is set. */
export const DEFAULT_DEMO_OWNER_PASSWORD = "demo-owner-password";

/** The demo owner's password for this process's environment. */
export function demoOwnerPassword(env: NodeJS.ProcessEnv = process.env): string {
  return env.DEMO_OWNER_PASSWORD || DEFAULT_DEMO_OWNER_PASSWORD;
}

/**
 * Seeds the demo site and its owner, as a deployment operator would with `npx convex run`
 * (`sites:ensureDemoSite`, then `operators:createOwner`, an action: it hashes the password).
 * `identitySecret` (tests) lets the site accept signed customer identities.
 */
export async function seedDemo(backend: Pick<LocalBackend, "runMutation" | "runAction">, identitySecret?: string): Promise<void> {
  await backend.runMutation("sites:ensureDemoSite", identitySecret ? { identitySecret } : {});
  await backend.runAction("operators:createOwner", {
    siteKey: "demo",
    email: DEMO_OWNER_EMAIL,
    password: demoOwnerPassword(),
    displayName: "Demo Owner",
  });
}

/**
 * Creates the sites listed in the JSON file LOCAL_SITES_FILE and in EXTRA_SITES (JSON text; tests):
 * each an array of `sites:create` arguments, e.g.
 * `[{ "key": "shop", "name": "Shop", "allowedOrigins": ["http://localhost:8080"], "enabled": true }]`.
 * Resolves to the keys created; a bad file or site fails with the reason and which entry it was.
 */
export async function seedSites(backend: Pick<LocalBackend, "runMutation">, env: NodeJS.ProcessEnv = process.env): Promise<string[]> {
  const sources: { name: string; text: string }[] = [];
  if (env.LOCAL_SITES_FILE) {
    let text: string;
    try {
      text = readFileSync(env.LOCAL_SITES_FILE, "utf8");
    } catch (e) {
      throw new Error(`LOCAL_SITES_FILE ${env.LOCAL_SITES_FILE}: ${(e as Error).message}`, { cause: e });
    }
    sources.push({ name: `LOCAL_SITES_FILE ${env.LOCAL_SITES_FILE}`, text });
  }
  if (env.EXTRA_SITES) sources.push({ name: "EXTRA_SITES", text: env.EXTRA_SITES });
  const created: string[] = [];
  for (const { name, text } of sources) {
    let sites: unknown;
    try {
      sites = JSON.parse(text);
    } catch (e) {
      throw new Error(`${name}: not JSON (${(e as Error).message})`, { cause: e });
    }
    if (!Array.isArray(sites)) throw new Error(`${name}: expected a JSON array of sites:create arguments`);
    for (const [index, site] of sites.entries()) {
      try {
        await backend.runMutation("sites:create", site as Record<string, Value>);
      } catch (e) {
        throw new Error(`${name}, site ${index} (${JSON.stringify((site as { key?: unknown })?.key)}): ${(e as Error).message}`, {
          cause: e,
        });
      }
      created.push(String((site as { key: unknown }).key));
    }
  }
  return created;
}
