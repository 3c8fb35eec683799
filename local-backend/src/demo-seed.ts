// What every local backend starts with (`npm run backend`, `npm start`, tests): the site `demo`
// (pages on http://localhost:* and http://127.0.0.1:*) and its owner for the console.
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
