// Builds a convex-test instance over this convex/ folder without Vite's import.meta.glob, so it
// also works under plain Node (tsx).
//
// Test helpers are named *.helpers.ts on purpose: the Convex bundler skips files whose name has
// more than one dot (like *.test.ts), so none of this is pushed by `npx convex deploy`.
import { readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { convexTest } from "convex-test";
import { exportJWK, exportPKCS8, generateKeyPair } from "jose";
import { importFile } from "../../local-backend/src/modules";
import schema from "../schema";

export type ModuleMap = Record<string, () => Promise<any>>;

/** This app's convex/ directory. */
export const CONVEX_DIR = join(dirname(fileURLToPath(import.meta.url)), "..");

/**
 * The modules of a Convex functions directory, keyed by absolute path, as `convexTest` wants them.
 * Same rule as the Convex bundler: .ts/.js files with one dot in their name, plus `_generated/`.
 */
export function functionModules(dir: string): ModuleMap {
  const modules: ModuleMap = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !/\.(ts|js)$/.test(entry.name)) continue;
    if (entry.name.split(".").length !== 2 || entry.name.includes(" ")) continue;
    const file = join(entry.parentPath, entry.name);
    modules[file] = importFile(file);
  }
  return modules;
}

type ComponentHost = { registerComponent: (name: string, schema: any, modules: ModuleMap) => void };

/** Registers an installed component package's dist/component under `name` (as `app.use` names it). */
export async function registerPackageComponent(t: ComponentHost, name: string, packageName: string): Promise<void> {
  const packageJson = createRequire(import.meta.url).resolve(`${packageName}/package.json`);
  const componentDir = join(dirname(packageJson), "dist", "component");
  const componentSchema = (await import(pathToFileURL(join(componentDir, "schema.js")).href)).default;
  t.registerComponent(name, componentSchema, functionModules(componentDir));
}

/** Registers @convex-dev/persistent-text-streaming from its package, as `app.use` names it. */
export async function registerStreamingComponent(t: ComponentHost, name = "persistentTextStreaming"): Promise<void> {
  await registerPackageComponent(t, name, "@convex-dev/persistent-text-streaming");
}

/** Registers @convex-dev/rate-limiter and the batch worker it uses itself. */
export async function registerRateLimiterComponent(t: ComponentHost, name = "rateLimiter"): Promise<void> {
  await registerPackageComponent(t, name, "@convex-dev/rate-limiter");
  await registerPackageComponent(t, `${name}/batchWorker`, "@convex-dev/batch-worker");
}

/** Registers @convex-dev/rag with the workpool it uses and that one's batch worker. */
export async function registerRagComponent(t: ComponentHost, name = "rag"): Promise<void> {
  await registerPackageComponent(t, name, "@convex-dev/rag");
  await registerPackageComponent(t, `${name}/workpool`, "@convex-dev/workpool");
  await registerPackageComponent(t, `${name}/workpool/batchWorker`, "@convex-dev/batch-worker");
}

/** Sets the env Convex Auth needs (a fresh RS256 key pair) unless already set. */
export async function ensureAuthEnv(siteUrl = "https://some.convex.site"): Promise<void> {
  if (process.env.JWT_PRIVATE_KEY && process.env.JWKS) return;
  const keys = await generateKeyPair("RS256", { extractable: true });
  process.env.JWT_PRIVATE_KEY = (await exportPKCS8(keys.privateKey)).trimEnd().replace(/\n/g, " ");
  process.env.JWKS = JSON.stringify({ keys: [{ use: "sig", ...(await exportJWK(keys.publicKey)) }] });
  process.env.SITE_URL ??= "http://localhost:5173";
  process.env.CONVEX_SITE_URL ??= siteUrl;
}

/** The instances made by `newConvexTest` in the current test file, settled when it ends. */
const openTests = new Set<ReturnType<typeof convexTest>>();

/** A convex-test instance over this app with the streaming component registered and auth env set. */
export async function newConvexTest() {
  await ensureAuthEnv();
  const t = convexTest(schema, functionModules(CONVEX_DIR));
  await registerStreamingComponent(t);
  await registerRateLimiterComponent(t);
  await registerRagComponent(t);
  openTests.add(t);
  return t;
}

/**
 * Ends what the current file's instances left running: cancels their pending scheduled functions
 * and waits (up to `waitMs` each) for the ones already running, which may schedule more. Files
 * share a worker (vitest.config.ts), so a function left pending would otherwise run in the next
 * file, reading its environment and calling its fake servers.
 */
export async function settleOpenConvexTests(waitMs = 10_000): Promise<void> {
  for (const t of openTests) {
    const deadline = Date.now() + waitMs;
    await cancelPendingScheduledFunctions(t);
    // What is running may schedule more: wait for it, then cancel again, until nothing new was scheduled.
    do {
      if (!(await settlesBefore(t.finishInProgressScheduledFunctions(), deadline))) {
        console.warn("A scheduled function was still running when its test file ended.");
        break;
      }
    } while ((await cancelPendingScheduledFunctions(t)) > 0);
  }
  openTests.clear();
}

async function settlesBefore(work: Promise<void>, deadline: number): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<false>((resolve) => (timer = setTimeout(resolve, deadline - Date.now(), false)));
  try {
    return await Promise.race([work.then(() => true), timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

/** Cancels the app's pending scheduled functions (components' own are not reachable); returns how many. */
async function cancelPendingScheduledFunctions(t: ReturnType<typeof convexTest>): Promise<number> {
  return await t.run(async (ctx) => {
    const jobs = await ctx.db.system.query("_scheduled_functions").collect();
    const pending = jobs.filter((job) => job.state.kind === "pending");
    for (const job of pending) await ctx.scheduler.cancel(job._id);
    return pending.length;
  });
}

export type ChatTest = Awaited<ReturnType<typeof newConvexTest>>;
