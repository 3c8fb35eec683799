/** Codes of the stream route's JSON errors (`{ error: { code, message } }`). */
export type HttpErrorCode =
  | "ORIGIN_NOT_ALLOWED"
  | "UNAUTHENTICATED"
  | "INVALID_JSON"
  | "INVALID_BODY"
  | "BODY_TOO_LARGE"
  | "NOT_FOUND"
  | "ALREADY_STARTED"
  | "REPLY_EXPIRED"
  | "SERVER_ERROR";

/** A JSON error response of the stream route. */
export function jsonError(
  status: number,
  code: HttpErrorCode,
  message: string,
  headers: Record<string, string> = {},
): Response {
  return new Response(JSON.stringify({ error: { code, message } }), {
    status,
    headers: { ...headers, "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" },
  });
}
