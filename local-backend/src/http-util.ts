/** Small helpers shared by the two HTTP servers. */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { UserIdentity } from "convex/server";
import { AuthError, type TokenVerifier } from "./identity.ts";

/** Requests and responses of http actions are capped at 20 MiB on Convex; the same here. */
export const MAX_BODY_BYTES = 20 * 1024 * 1024;

export class BodyTooLarge extends Error {}

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLarge(`Request body exceeds ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** How a server shapes a JSON error body; `code` is PascalCase, as a deployment spells it. */
export type ErrorBody = (code: string, message: string) => unknown;
/** A Convex deployment's shape, which ConvexHttpClient shows as the error text. */
export const deploymentError: ErrorBody = (code, message) => ({ code, message });
/**
 * The app's http routes' shape and code spelling (convex/lib/httpErrors.ts:
 * `{ error: { code: "UNAUTHENTICATED", message } }`), which the widget's stream driver reads.
 */
export const appError: ErrorBody = (code, message) => ({
  error: { code: code.replace(/(?<=[a-z])(?=[A-Z])/g, "_").toUpperCase(), message },
});

/** The bearer token of an `Authorization` header, or null when there is none. */
export function bearerToken(req: IncomingMessage): string | null {
  const match = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? "");
  return match ? match[1].trim() : null;
}

/** Marks a request this module already answered. */
export const ANSWERED = Symbol("answered");

/**
 * The caller's identity from the bearer token, verified like a deployment does (null when there
 * is no token). An invalid token is answered here with 401 (`errorBody`, plus `headers`) and
 * resolves to {@link ANSWERED}: nothing of the app runs for it.
 */
export async function identityFromRequest(
  req: IncomingMessage,
  res: ServerResponse,
  verifyToken: TokenVerifier,
  errorBody: ErrorBody,
  headers: Record<string, string> = {},
): Promise<UserIdentity | null | typeof ANSWERED> {
  const token = bearerToken(req);
  if (!token) return null;
  try {
    return (await verifyToken(token)).identity;
  } catch (e) {
    if (!(e instanceof AuthError)) throw e; // a bug, not a bad token: the server's 500 path
    sendJson(res, 401, errorBody("Unauthenticated", e.message), { "www-authenticate": "Bearer", ...headers });
    return ANSWERED;
  }
}

const LOOPBACK_NAMES = new Set(["127.0.0.1", "localhost", "[::1]"]);

/**
 * Whether a Host header names this loopback server. A page that rebinds its own DNS name to
 * 127.0.0.1 still sends its own name, so refusing any other name stops DNS rebinding.
 */
export function isLoopbackHost(host: string | undefined, port: number | undefined): boolean {
  const match = /^(\[[^\]]*\]|[^:[\]]+)(?::(\d+))?$/.exec((host ?? "").toLowerCase());
  return !!match && LOOPBACK_NAMES.has(match[1]) && Number(match[2] ?? 80) === port;
}

/** Answers 403 and resolves true when the request's Host is not this loopback server. */
export function refuseForeignHost(req: IncomingMessage, res: ServerResponse, errorBody: ErrorBody): boolean {
  if (isLoopbackHost(req.headers.host, req.socket.localPort)) return false;
  const message = `Host ${JSON.stringify(req.headers.host ?? "")} refused: the local backend answers only 127.0.0.1, localhost or [::1] on its own port`;
  sendJson(res, 403, errorBody("ForbiddenHost", message));
  return true;
}

/** The request's Origin when it is a loopback page (any port), else undefined. */
export function loopbackOrigin(req: IncomingMessage): string | undefined {
  const origin = req.headers.origin;
  if (!origin) return undefined;
  try {
    const url = new URL(origin);
    return /^https?:$/.test(url.protocol) && LOOPBACK_NAMES.has(url.hostname) ? origin : undefined;
  } catch {
    return undefined;
  }
}

/** Whether the request comes from a browser page that is not on a loopback origin. */
export function hasForeignOrigin(req: IncomingMessage): boolean {
  return req.headers.origin !== undefined && loopbackOrigin(req) === undefined;
}
