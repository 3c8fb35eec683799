/**
 * The site URL: every request goes to the app's http router (convex-test `fetch`) and the
 * Response is streamed back chunk by chunk as it is produced. A bearer token is verified first,
 * like a deployment does; an invalid one gets 401 without running the action. Requests whose
 * Host is not this loopback server are refused (DNS rebinding).
 */
import { type IncomingMessage, type Server, type ServerResponse } from "node:http";
import {
  ANSWERED,
  appError,
  BodyTooLarge,
  identityFromRequest,
  loopbackOrigin,
  readBody,
  refuseForeignHost,
  sendJson,
} from "./http-util.ts";
import type { Runtime } from "./runtime.ts";

// Hop-by-hop headers belong to this connection, not to the Request the app sees.
const HOP_BY_HOP = new Set(["connection", "keep-alive", "transfer-encoding", "upgrade", "host", "content-length", "proxy-connection"]);

function requestHeaders(req: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || HOP_BY_HOP.has(name)) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  return headers;
}

function responseHeaders(response: Response): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    if (name !== "set-cookie" && !HOP_BY_HOP.has(name)) out[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) out["set-cookie"] = cookies;
  return out;
}

/**
 * CORS for the 401 this backend answers before the app's route runs. The app's route decides
 * real CORS, but it never sees this request; without these headers a browser driver gets an
 * opaque network error instead of the reason. Only loopback pages get them: a development
 * backend has no business being read by other sites.
 */
function refusalCors(req: IncomingMessage): Record<string, string> {
  const origin = loopbackOrigin(req);
  return origin ? { "access-control-allow-origin": origin, vary: "Origin" } : { vary: "Origin" };
}

async function handle(runtime: Runtime, req: IncomingMessage, res: ServerResponse) {
  if (refuseForeignHost(req, res, appError)) return;
  const identity = await identityFromRequest(req, res, runtime.verifyToken, appError, refusalCors(req));
  if (identity === ANSWERED) return;
  const method = req.method ?? "GET";
  let body: Buffer | undefined;
  if (method !== "GET" && method !== "HEAD") {
    try {
      body = await readBody(req);
    } catch (e) {
      if (e instanceof BodyTooLarge) return sendJson(res, 413, appError("BodyTooLarge", e.message));
      throw e;
    }
  }
  const init: RequestInit = { method, headers: requestHeaders(req), body: body && body.length > 0 ? new Uint8Array(body) : undefined };
  const response = await runtime.fetch(req.url?.startsWith("/") ? req.url : "/", init, identity);
  if (response.statusText) res.statusMessage = response.statusText;
  res.writeHead(response.status, responseHeaders(response));
  res.flushHeaders();
  if (!response.body) return res.end();

  const reader = response.body.getReader();
  // When the client goes away, cancelling the body makes the app's writer fail; a well-behaved
  // action (persistent-text-streaming does) keeps generating and persisting without it.
  const onClose = () => void reader.cancel().catch(() => {});
  res.on("close", onClose);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (res.destroyed) continue; // drain the body so the action is never blocked on us
      if (!res.write(value)) await drained(res);
    }
    res.end();
  } catch {
    res.destroy();
  } finally {
    res.off("close", onClose);
  }
}

function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off("drain", done).off("close", done);
      resolve();
    };
    res.on("drain", done).on("close", done);
  });
}

/** Serves the app's http routes on `server` (the site URL). */
export function attachSiteRoutes(server: Server, runtime: Runtime, log: (line: string) => void): void {
  server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    handle(runtime, req, res).catch((e: Error) => {
      log(`http route ${req.method} ${req.url}: ${e.stack ?? e.message}`);
      if (!res.headersSent) sendJson(res, 500, appError("ServerError", e.message));
      else res.destroy();
    });
  });
}
