/** Codes of the stream route's JSON errors (`{ error: { code, message } }`). */
export type HttpErrorCode =
  | "ORIGIN_NOT_ALLOWED"
  | "SITE_NOT_FOUND"
  | "SITE_DISABLED"
  | "UNAUTHENTICATED"
  | "INVALID_JSON"
  | "INVALID_BODY"
  | "BODY_TOO_LARGE"
  | "NOT_FOUND"
  | "ALREADY_STARTED"
  | "REPLY_EXPIRED"
  | "HUMAN_MODE"
  | "RATE_LIMITED"
  | "SERVER_ERROR";

/** A JSON error response of the stream route. */
export function jsonError(status: number, code: HttpErrorCode, message: string, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify({ error: { code, message } }), {
    status,
    headers: { ...headers, "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" },
  });
}

/**
 * 429 `RATE_LIMITED`: the JSON error with `retryAfterMs`, and `Retry-After` in whole seconds
 * (exposed to the page when CORS admits it).
 */
export function rateLimitedResponse(message: string, retryAfterMs: number, headers: Record<string, string> = {}): Response {
  const retryAfter = String(Math.max(1, Math.ceil(retryAfterMs / 1000)));
  const expose: Record<string, string> = "Access-Control-Allow-Origin" in headers ? { "Access-Control-Expose-Headers": "Retry-After" } : {};
  return new Response(JSON.stringify({ error: { code: "RATE_LIMITED", message, retryAfterMs } }), {
    status: 429,
    headers: {
      ...headers,
      ...expose,
      "Retry-After": retryAfter,
      "Content-Type": "application/json; charset=utf-8",
      "Cache-Control": "no-store",
    },
  });
}
