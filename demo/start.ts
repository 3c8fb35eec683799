// `npm start`: builds the widget and the console, starts the offline Convex backend on 3210/3211
// and serves the demo host pages and the console on 5173 (another origin, as a real embedding
// site would be), and prints the seeded owner's credentials for the console.
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { spawnBackend } from "../scripts/spawn-backend.mjs";
import { seedDemoKnowledge } from "./knowledge-seed.ts";
import { startDemoServer } from "./server.ts";

const root = resolve(import.meta.dirname, "..");
// The owner of `demo` that scripts/backend-child.ts seeds (password from DEMO_OWNER_PASSWORD).
const DEMO_OWNER_EMAIL = "owner@demo.test";
const DEMO_OWNER_DEFAULT_PASSWORD = "demo-owner-password";
const build = spawnSync(resolve(root, "node_modules/.bin/vite"), ["build"], { cwd: root, stdio: "inherit" });
if (build.status !== 0) process.exit(build.status ?? 1);

const backend = await spawnBackend({ port: Number(process.env.PORT ?? 3210) });
const demo = await startDemoServer({
  port: Number(process.env.DEMO_PORT ?? 5173),
  convexUrl: backend.url,
  siteUrl: backend.siteUrl,
});
// The demo's answers come from its help pages (knowledge base), with their sources.
await seedDemoKnowledge(backend.runAction, demo.url);
console.log(`
  Convex backend (offline):  ${backend.url}  (http routes ${backend.siteUrl})
  Demo host page:            ${demo.url}/           <script> tag embed
  Demo with the ES module:   ${demo.url}/module.html
  Hostile page CSS:          ${demo.url}/hostile.html
  Strict CSP + Trusted Types: ${demo.url}/csp.html
  Help pages (the knowledge): ${demo.url}/help/shipping.html, returns.html, brewing.html
  Operators' console:        ${demo.url}/console
      sign in as ${DEMO_OWNER_EMAIL} / ${process.env.DEMO_OWNER_PASSWORD || DEMO_OWNER_DEFAULT_PASSWORD}

  Ctrl+C to stop.`);

const stop = async () => {
  await Promise.all([demo.close(), backend.close()]);
  process.exit(0);
};
process.once("SIGINT", stop);
process.once("SIGTERM", stop);
