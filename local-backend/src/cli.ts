/**
 * `npm run backend [-- --port 3210 --site-port 3211]`: the offline Convex backend for development
 * (not for production). Ports also come from PORT / SITE_PORT; data lives in memory and crons do
 * not run (convex-test never runs them).
 */
import { parseArgs } from "node:util";
import { startLocalBackend } from "./index.ts";
import { DEMO_OWNER_EMAIL, demoOwnerPassword, seedDemo, seedSites } from "./demo-seed.ts";

function portOf(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === "") return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`Invalid ${name}: ${JSON.stringify(value)} (expected 0-65535)`);
    process.exit(2);
  }
  return port;
}

const { values } = parseArgs({
  options: {
    port: { type: "string" },
    "site-port": { type: "string" },
    help: { type: "boolean", short: "h" },
  },
});
if (values.help) {
  console.log("Usage: npm run backend -- [--port 3210] [--site-port 3211]   (env: PORT, SITE_PORT)");
  process.exit(0);
}
const port = portOf(values.port ?? process.env.PORT, 3210, "port");
const sitePort = portOf(values["site-port"] ?? process.env.SITE_PORT, port === 0 ? 0 : port + 1, "site port");

const backend = await startLocalBackend({ port, sitePort }).catch((e: NodeJS.ErrnoException) => {
  if (e.code === "EADDRINUSE") {
    console.error(`Port in use (${port} or ${sitePort}): pick others with --port/--site-port or PORT/SITE_PORT.`);
  } else {
    console.error(e.stack ?? e.message);
  }
  process.exit(1);
});
// The site the demo pages use (`site-key="demo"`), admitting http://localhost:* and http://127.0.0.1:*, and its owner.
await seedDemo(backend);
// Sites of LOCAL_SITES_FILE (a JSON array of `sites:create` arguments).
const seeded = await seedSites(backend).catch((e: Error) => {
  console.error(e.message);
  return backend.close().then(() => process.exit(1));
});
console.log(`Convex local backend (development only; data is kept in memory)`);
console.log(`  deployment URL (sync API): ${backend.url}`);
console.log(`  site URL (http routes):    ${backend.siteUrl}`);
console.log(`  site key:                  demo (pages on http://localhost:* and http://127.0.0.1:*)`);
console.log(`  demo owner (console):      ${DEMO_OWNER_EMAIL} / ${demoOwnerPassword()}`);
if (seeded.length > 0) console.log(`  sites from LOCAL_SITES_FILE: ${seeded.join(", ")}`);
console.log(`  admin key (npx convex run): ${backend.adminKey}`);

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) process.exit(1); // a second signal: stop waiting
    stopping = true;
    backend.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
