// Runs the local backend in its own process for the widget's browser tests, the demo and e2e
// (spawned by scripts/spawn-backend.mjs). Own process: it gets its own core, and its console output
// cannot collide with a test runner's (web-test-runner patches console with timers, which Convex
// functions may not use). Seeds the site `demo` (http://localhost:* and http://127.0.0.1:*) that the
// demo pages, browser tests, e2e and benchmarks use, and its owner `owner@demo.test` (password from
// DEMO_OWNER_PASSWORD, default `demo-owner-password`) for the console. Prints one JSON line `{ url, siteUrl }` once
// listening and seeded; stops on SIGTERM or when stdin closes (the parent went away).
import type { Value } from "convex/values";
import { seedDemo, seedSites } from "../local-backend/src/demo-seed.ts";
import { startLocalBackend } from "../local-backend/src/index.ts";

const port = Number(process.env.BACKEND_PORT ?? 0);
const sitePort = process.env.BACKEND_SITE_PORT === undefined ? undefined : Number(process.env.BACKEND_SITE_PORT);
const backend = await startLocalBackend({ port, sitePort, log: (line) => console.error(line) });
// DEMO_IDENTITY_SECRET (tests) lets the demo site accept signed customer identities.
const identitySecret = process.env.DEMO_IDENTITY_SECRET;
await seedDemo(backend, identitySecret);
// LOCAL_SITES_FILE (a JSON file) and EXTRA_SITES (JSON text, tests): arrays of `sites:create`
// arguments, e.g. a site with small limits.
await seedSites(backend);
console.log(JSON.stringify({ url: backend.url, siteUrl: backend.siteUrl }));

// Tests change the deployment's data mid-run (e.g. turn a site off) through the IPC channel that
// scripts/spawn-backend.mjs opens: `{ id, name, args, kind? }` runs mutation (or, with kind "action",
// action) `name`, answered by `{ id, value | error }`.
process.on("message", (call: { id: number; name: string; args: Record<string, Value>; kind?: "action" }) => {
  (call.kind === "action" ? backend.runAction : backend.runMutation)(call.name, call.args).then(
    (value) => process.send?.({ id: call.id, value: value ?? null }),
    (error: unknown) => process.send?.({ id: call.id, error: String(error) }),
  );
});

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  backend.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
process.stdin.on("end", stop).resume();
