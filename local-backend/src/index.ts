/**
 * Offline Convex backend for development and tests — NOT a production backend.
 *
 * Runs the app's `convex/` folder unmodified on convex-test (Convex's in-memory function
 * runtime) and serves it like a deployment: the WebSocket sync protocol and HTTP function API
 * on the deployment URL, the http routes on the site URL. Data lives in memory and is lost on
 * close; crons are not run; only loopback addresses are served.
 */
import { createServer, type Server, type ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import type { AddressInfo } from "node:net";
import type { Value } from "convex/values";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { localAdminKey } from "./admin-auth.ts";
import { generateAuthKeys } from "./auth-keys.ts";
import { LOCAL_EMBEDDING_DIMENSIONS, LOCAL_EMBEDDING_MODEL, startEmbeddingsServer, type EmbeddingsServer } from "./embeddings-server.ts";
import { attachSiteRoutes } from "./http-routes.ts";
import { routeFunctionConsole } from "./function-logs.ts";
import { createRuntime } from "./runtime.ts";
import { attachSyncApi } from "./sync/server.ts";
import type { WriteStatsSnapshot } from "./write-stats.ts";

export type { WriteStatsSnapshot } from "./write-stats.ts";

export type LocalBackendOptions = {
  /** Sync API port; 0 (default) picks a free one. */
  port?: number;
  /** Http routes port; defaults to `port + 1` when `port` is given, otherwise a free one. */
  sitePort?: number;
  /** A loopback address; default 127.0.0.1. */
  host?: string;
  /** Deployment environment variables for the functions; override process.env. */
  env?: Record<string, string>;
  /**
   * Receives log lines: unexpected errors, and console output of http actions and scheduled
   * functions ("[CONVEX H(POST /chat-stream)] [LOG] 'text'"). Queries', mutations' and actions'
   * output goes to their client as `logLines` instead, as on a deployment. Default: stdout.
   */
  log?: (line: string) => void;
  /** The Convex folder; default: the repository's `convex/`. */
  convexDir?: string;
  /** The admin key `npx convex run` must present; default LOCAL_ADMIN_KEY or the documented one (admin-auth.ts). */
  adminKey?: string;
  /**
   * Serve an OpenAI-compatible embeddings endpoint on loopback with the local model
   * (embeddings-server.ts) and point `EMBEDDINGS_BASE_URL`/`EMBEDDINGS_MODEL` at it. Default:
   * true, unless the environment already names an embeddings endpoint.
   */
  embeddings?: boolean;
};

export type LocalBackend = {
  /** Deployment URL for `ConvexClient` / `ConvexHttpClient`, e.g. http://127.0.0.1:3210. */
  url: string;
  /** Site URL serving the http routes, e.g. http://127.0.0.1:3211. */
  siteUrl: string;
  /** The admin key `npx convex run` presents (`Authorization: Convex <key>`) to run internal functions. */
  adminKey: string;
  /**
   * Write statistics since start, for benchmarks: committed write transactions (mutations,
   * including those run by actions, http actions and components) and documents written.
   */
  stats(): WriteStatsSnapshot;
  /**
   * Runs a mutation as the operator would with `npx convex run`, internal ones included (e.g.
   * `sites:ensureDemoSite`). In-process only: the servers never expose internal functions.
   */
  runMutation(udfPath: string, args?: Record<string, Value>): Promise<Value>;
  /** Runs an action the same way (e.g. `operators:createOwner`, which creates a password account). */
  runAction(udfPath: string, args?: Record<string, Value>): Promise<Value>;
  close(): Promise<void>;
};

const LOOPBACK = new Set(["127.0.0.1", "localhost", "::1"]);
const DEFAULT_CONVEX_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../convex");

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/**
 * Holds the requests and WebSocket upgrades that arrive between `listen` and the moment the
 * handlers are attached (the app loads in between, which takes a while): `release` hands them to
 * the handlers attached since, `refuse` answers them 503 when starting failed.
 */
function holdWhileStarting(server: Server) {
  const held: { event: "request" | "upgrade"; args: unknown[] }[] = [];
  const onRequest = (...args: unknown[]) => void held.push({ event: "request", args });
  const onUpgrade = (...args: unknown[]) => void held.push({ event: "upgrade", args });
  server.on("request", onRequest).on("upgrade", onUpgrade);
  const stop = () => {
    server.off("request", onRequest).off("upgrade", onUpgrade);
    return held.splice(0);
  };
  return {
    release() {
      for (const { event, args } of stop()) server.emit(event, ...args);
    },
    refuse() {
      for (const { event, args } of stop()) {
        if (event === "request") (args[1] as ServerResponse).writeHead(503).end("The local backend failed to start");
        else (args[1] as Duplex).end("HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\n\r\n");
      }
    },
  };
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/** Sets `vars` in process.env; the returned function restores what was there before. */
function applyEnv(vars: Record<string, string>): () => void {
  const previous = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  Object.assign(process.env, vars);
  return () => {
    for (const [key, value] of Object.entries(previous)) {
      if (process.env[key] !== vars[key]) continue; // someone else changed it since
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  };
}

/**
 * Starts the backend. Functions read their environment from process.env (as on Convex), so it
 * is shared by every backend in the process: run one at a time per process.
 */
export async function startLocalBackend(opts: LocalBackendOptions = {}): Promise<LocalBackend> {
  const host = opts.host ?? "127.0.0.1";
  if (!LOOPBACK.has(host)) throw new Error(`The local backend serves loopback only; got host ${host}`);
  // Not console.log: function output must never reach the host's console (function-logs.ts).
  const log = opts.log ?? ((line: string) => void process.stdout.write(`[local-backend] ${line}\n`));
  const port = opts.port ?? 0;
  const requestedSitePort = opts.sitePort ?? (port > 0 ? port + 1 : 0);

  const syncServer = createServer();
  const siteServer = createServer();
  const syncHold = holdWhileStarting(syncServer);
  const siteHold = holdWhileStarting(siteServer);
  let restoreEnv = () => {};
  let detachSync = () => {};
  const releaseConsole = routeFunctionConsole();
  let runtime: Awaited<ReturnType<typeof createRuntime>> | undefined;
  let embeddings: EmbeddingsServer | undefined;
  const close = async () => {
    runtime?.close();
    detachSync();
    await Promise.all([closeServer(syncServer), closeServer(siteServer), embeddings?.close()]);
    restoreEnv();
    releaseConsole();
  };

  try {
    const urlHost = host.includes(":") ? `[${host}]` : host;
    const url = `http://${urlHost}:${await listen(syncServer, port, host)}`;
    const siteUrl = `http://${urlHost}:${await listen(siteServer, requestedSitePort, host)}`;

    const env = { ...process.env, ...opts.env };
    const keys = env.JWT_PRIVATE_KEY && env.JWKS ? {} : await generateAuthKeys();
    // The knowledge base's embeddings, offline: a real model behind the same HTTP API as a hosted one.
    if (opts.embeddings ?? !env.EMBEDDINGS_BASE_URL)
      embeddings = await startEmbeddingsServer({ host: host.includes(":") ? "127.0.0.1" : host });
    const embeddingsEnv: Record<string, string> = embeddings
      ? {
          EMBEDDINGS_BASE_URL: embeddings.baseUrl,
          EMBEDDINGS_MODEL: LOCAL_EMBEDDING_MODEL,
          EMBEDDINGS_DIMENSIONS: String(LOCAL_EMBEDDING_DIMENSIONS),
        }
      : {};
    restoreEnv = applyEnv({
      SITE_URL: env.SITE_URL ?? siteUrl,
      CONVEX_CLOUD_URL: url,
      CONVEX_SITE_URL: siteUrl,
      ...keys,
      ...embeddingsEnv,
      ...opts.env,
    });

    runtime = await createRuntime({ convexDir: opts.convexDir ?? DEFAULT_CONVEX_DIR, siteUrl: process.env.CONVEX_SITE_URL!, log });
    const adminKey = opts.adminKey ?? localAdminKey();
    detachSync = attachSyncApi(syncServer, runtime, adminKey, log);
    attachSiteRoutes(siteServer, runtime, log);
    syncHold.release();
    siteHold.release();
    return { url, siteUrl, adminKey, stats: runtime.stats, runMutation: runtime.runAsAdmin, runAction: runtime.runActionAsAdmin, close };
  } catch (e) {
    syncHold.refuse();
    siteHold.refuse();
    await close();
    throw e;
  }
}
