/**
 * The deployment URL: the WebSocket sync endpoint `/api/<client version>/sync` and the HTTP
 * function API (`POST /api/query|mutation|action|function`, `/api/query_ts`) that
 * `ConvexHttpClient` uses; with the admin key (admin-auth.ts) also internal functions, as
 * `npx convex run` calls them. Requests and WebSocket upgrades whose Host is not this loopback server
 * are refused (DNS rebinding). Browsers on the developer's machine reach it, so pages of other
 * origins are refused too (a request or upgrade whose Origin is not a loopback page gets 403) and
 * CORS is granted only to loopback pages (any port: the demo, the widget's tests). Clients that
 * send no Origin (Node, the CLI) are served.
 */
import { type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { convexToJson, jsonToConvex, type Value } from "convex/values";
import { WebSocketServer, type WebSocket } from "ws";
import { AdminAuthError, adminFromRequest } from "../admin-auth.ts";
import { toWireFailure } from "../errors.ts";
import { logOnce } from "../log-once.ts";
import {
  ANSWERED,
  BodyTooLarge,
  deploymentError,
  hasForeignOrigin,
  identityFromRequest,
  isLoopbackHost,
  loopbackOrigin,
  readBody,
  refuseForeignHost,
  sendJson,
} from "../http-util.ts";
import type { FunctionKind, Runtime } from "../runtime.ts";
import { MutationLog } from "./mutation-log.ts";
import { encodeTs } from "./protocol-types.ts";
import { SyncSession } from "./session.ts";

const SYNC_PATH = /^\/api\/[^/]+\/sync$/;
const FUNCTION_PATH = /^\/api\/(query|mutation|action|function)$/;
// ConvexHttpClient reads failures from a 560 response (STATUS_CODE_UDF_FAILED).
const UDF_FAILED = 560;

/**
 * A deployment answers CORS for any origin; this development backend only for loopback pages, as
 * other pages have no business calling it (see the module comment).
 */
function corsFor(req: IncomingMessage): Record<string, string> {
  const origin = loopbackOrigin(req);
  return origin ? { "access-control-allow-origin": origin, vary: "Origin" } : { vary: "Origin" };
}

/** Serves the sync protocol and the HTTP function API on `server`; returns the cleanup. */
export function attachSyncApi(server: Server, runtime: Runtime, adminKey: string, log: (line: string) => void): () => void {
  const mutationLog = new MutationLog();
  const logQueryFailure = logOnce(log);
  const wss = new WebSocketServer({ noServer: true, maxPayload: 32 * 1024 * 1024 });
  server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    handleHttp(runtime, adminKey, req, res, log).catch((e: Error) => {
      log(`http api: ${e.stack ?? e.message}`);
      if (!res.headersSent) sendJson(res, 500, { code: "InternalServerError", message: e.message }, corsFor(req));
      else res.destroy();
    });
  });

  server.on("upgrade", (req, socket, head) => {
    if (!isLoopbackHost(req.headers.host, req.socket.localPort) || hasForeignOrigin(req)) {
      socket.end("HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n");
      return;
    }
    const { pathname } = new URL(req.url ?? "/", "http://localhost");
    if (!SYNC_PATH.test(pathname)) {
      socket.end("HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n");
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => attach(ws));
  });

  function attach(ws: WebSocket) {
    const session = new SyncSession(
      runtime,
      mutationLog,
      (message) => {
        if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
      },
      (reason) => ws.close(1011, reason.slice(0, 120)),
      log,
      logQueryFailure,
    );
    ws.on("message", (data) => session.handle(data.toString()));
    ws.on("close", () => session.dispose());
    ws.on("error", (e) => log(`sync socket: ${e.message}`));
  }

  return () => {
    for (const ws of wss.clients) ws.terminate();
    wss.close();
    mutationLog.clear();
  };
}

async function handleHttp(runtime: Runtime, adminKey: string, req: IncomingMessage, res: ServerResponse, log: (line: string) => void) {
  if (refuseForeignHost(req, res, deploymentError)) return;
  if (hasForeignOrigin(req)) {
    // Refused, not only left without CORS: a "simple" cross-origin POST would run before the
    // browser hides its answer.
    return sendJson(res, 403, deploymentError("ForbiddenOrigin", "The local backend serves pages on loopback origins only"), {
      vary: "Origin",
    });
  }
  const cors = corsFor(req);
  const { pathname } = new URL(req.url ?? "/", "http://localhost");
  if (req.method === "OPTIONS") {
    res.writeHead(204, {
      ...cors,
      "access-control-allow-methods": "GET, POST, OPTIONS",
      "access-control-allow-headers": "content-type, authorization, convex-client",
      "access-control-max-age": "7200",
    });
    return res.end();
  }
  if (pathname === "/" || pathname === "/version") {
    return sendJson(res, 200, { local: true, message: "Convex local backend (development and tests)" }, cors);
  }
  if (pathname === "/_stats" && req.method === "GET") {
    // Development tool: write statistics for benchmarks run against a backend in another process.
    return sendJson(res, 200, runtime.stats(), cors);
  }
  if (pathname === "/api/query_ts" && req.method === "POST") {
    return sendJson(res, 200, { ts: encodeTs(await runtime.snapshotTs()) }, cors);
  }
  const match = FUNCTION_PATH.exec(pathname);
  if (!match || req.method !== "POST") {
    return sendJson(res, 404, { code: "NotFound", message: `No route for ${req.method} ${pathname}` }, cors);
  }

  let admin: ReturnType<typeof adminFromRequest>;
  try {
    admin = adminFromRequest(req, adminKey);
  } catch (e) {
    if (!(e instanceof AdminAuthError)) throw e;
    return sendJson(res, e.status, deploymentError(e.code, e.message), cors);
  }
  const identity = admin ? admin.identity : await identityFromRequest(req, res, runtime.verifyToken, deploymentError, cors);
  if (identity === ANSWERED) return;
  let body: { path?: unknown; args?: unknown; componentPath?: unknown };
  try {
    body = JSON.parse((await readBody(req)).toString("utf8"));
  } catch (e) {
    const tooLarge = e instanceof BodyTooLarge;
    return sendJson(res, tooLarge ? 413 : 400, { code: tooLarge ? "TooLarge" : "BadJsonBody", message: (e as Error).message }, cors);
  }
  if (typeof body?.path !== "string") {
    return sendJson(res, 400, { code: "BadRequest", message: "Body must be JSON with a string `path`" }, cors);
  }
  if (body.componentPath) {
    return sendJson(res, 401, { code: "Unauthorized", message: "Only admin auth may call functions of a component." }, cors);
  }
  const rawArgs = Array.isArray(body.args) ? body.args[0] : body.args;
  const kind = match[1] === "function" ? undefined : (match[1] as FunctionKind);
  const logLines: string[] = [];
  try {
    const args = (jsonToConvex((rawArgs ?? {}) as never) ?? {}) as Record<string, Value>;
    const value = await runtime.run(kind, body.path, args, identity, logLines, admin !== undefined);
    sendJson(res, 200, { status: "success", value: convexToJson(value), logLines }, cors);
  } catch (e) {
    sendJson(res, UDF_FAILED, { status: "error", ...toWireFailure(e, log), logLines }, cors);
  }
}
