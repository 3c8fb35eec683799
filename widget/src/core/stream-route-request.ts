// One attempt at driving a reply: POST `{ streamId }` to the stream route and read the body as it
// arrives. The outcome says what the caller should do next; only the server's claim (a 200) means
// this request generates the reply, and only 409/205 mean another request does or did.

/** How one attempt ended. */
export type StreamRouteOutcome =
  /** The body was read to its end. */
  | { kind: "finished" }
  /** The server claimed the reply for this request, then the body broke off or went idle: it keeps generating. */
  | { kind: "interrupted" }
  /** 409 or 205: another request generates (or generated) the reply. */
  | { kind: "elsewhere" }
  /**
   * Not claimed as far as we know (no token, network, 401, 403, 429, 5xx…); `retryable` when trying
   * again may help. With an HTTP answer: its status, the server's `code` and `message` (its JSON
   * `{ error: { code, message } }`) and, for 429, when to try again (`Retry-After`).
   */
  | { kind: "failed"; retryable: boolean; status?: number; code?: string; message?: string; retryAfterMs?: number }
  /** The caller aborted. */
  | { kind: "aborted" };

/** What one POST to the stream route needs: the client's side of driving a reply. */
export interface StreamRouteRequest {
  streamUrl: string;
  streamId: string;
  /** A JWT for the `Authorization` header; `forceRefresh` after the route refused the last one. */
  token: (forceRefresh?: boolean) => Promise<string>;
  forceRefresh: boolean;
  fetch: typeof fetch;
  /** Aborts the request (the reply's owner went away). */
  signal: AbortSignal;
  /** Longest wait for the response headers or the next bytes of the body. */
  idleTimeoutMs: number;
  /** Called with the text received so far, each time more arrives. */
  onText: (text: string) => void;
}

// Worth trying again: the request may not have reached the server, or it refused for a reason
// that can pass (an expired token, overload, a crash).
const RETRYABLE_STATUSES = new Set([401, 408, 425, 429, 500, 502, 503, 504]);

/** Makes one attempt; never throws. */
export async function callStreamRoute(request: StreamRouteRequest): Promise<StreamRouteOutcome> {
  const attempt = new AbortController();
  const onAbort = () => attempt.abort();
  request.signal.addEventListener("abort", onAbort);
  // Reset whenever anything arrives; fires only when the server has gone quiet for too long.
  let timer: ReturnType<typeof setTimeout> | undefined;
  const touch = () => {
    clearTimeout(timer);
    timer = setTimeout(() => attempt.abort(), request.idleTimeoutMs);
  };
  let claimed = false;
  try {
    const token = await request.token(request.forceRefresh);
    if (request.signal.aborted) return { kind: "aborted" };
    touch();
    const response = await request.fetch(request.streamUrl, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
      body: JSON.stringify({ streamId: request.streamId }),
      signal: attempt.signal,
    });
    if (response.status === 409 || response.status === 205) {
      void response.body?.cancel().catch(() => undefined);
      return { kind: "elsewhere" };
    }
    if (response.status !== 200 || !response.body) {
      const { code, message } = await errorBody(response);
      const retryAfterMs = retryAfter(response.headers.get("Retry-After"));
      return { kind: "failed", retryable: RETRYABLE_STATUSES.has(response.status), status: response.status, code, message, retryAfterMs };
    }
    claimed = true;
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let text = "";
    for (;;) {
      touch();
      const { done, value } = await reader.read();
      const piece = decoder.decode(value, { stream: !done });
      if (piece) request.onText((text += piece));
      if (done) return { kind: "finished" };
    }
  } catch {
    if (request.signal.aborted) return { kind: "aborted" };
    // Without headers we cannot tell whether the server claimed it: a retry answers 409 if it did.
    return claimed ? { kind: "interrupted" } : { kind: "failed", retryable: true };
  } finally {
    clearTimeout(timer);
    request.signal.removeEventListener("abort", onAbort);
  }
}

/** The route's JSON `{ error: { code, message } }`, as far as the body is one (it is read whole: errors are small). */
async function errorBody(response: Response): Promise<{ code?: string; message?: string }> {
  try {
    const { error } = (await response.json()) as { error?: { code?: unknown; message?: unknown } };
    const text = (value: unknown) => (typeof value === "string" && value ? value.slice(0, 500) : undefined);
    return { code: text(error?.code), message: text(error?.message) };
  } catch {
    return {}; // Not JSON (a proxy's page, an empty body): the status alone tells.
  }
}

/** `Retry-After` (seconds, or an HTTP date) in milliseconds from now; undefined when absent or unreadable. */
export function retryAfter(header: string | null): number | undefined {
  if (!header?.trim()) return undefined;
  const seconds = Number(header);
  const ms = Number.isFinite(seconds) ? seconds * 1_000 : Date.parse(header) - Date.now();
  return Number.isFinite(ms) ? Math.max(0, ms) : undefined;
}
