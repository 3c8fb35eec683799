// Calls a Convex action over the deployment's HTTP function API (`POST <url>/api/action`), the
// request ConvexHttpClient makes, without bundling that client: the widget only needs it to
// refresh tokens while the WebSocket waits for one.
import { ConvexError, convexToJson, jsonToConvex, type Value } from "convex/values";

// The status Convex answers when the function itself failed (ConvexHttpClient's STATUS_CODE_UDF_FAILED).
const FUNCTION_FAILED = 560;

/** The server ran the function and it failed: asking again with the same arguments will not help. */
export class ActionFailedError extends Error {
  override name = "ActionFailedError";
}

/**
 * Whether a failed refresh refused its refresh token for good (malformed, revoked, expired), so it
 * should be forgotten. `RATE_LIMITED` says nothing of the token: the server wrote nothing and the
 * token still works later, as after a request that did not get through.
 */
export function refusesToken(error: unknown): boolean {
  if (error instanceof ConvexError) return (error.data as { code?: unknown } | undefined)?.code !== "RATE_LIMITED";
  return error instanceof ActionFailedError;
}

/**
 * Runs the action `path` (e.g. `"auth:signIn"`) with `args`, without authentication.
 * Rejects with {@link ActionFailedError} (or a ConvexError carrying the server's data) when the
 * function failed, and with a plain Error when the request did not get through.
 */
export async function runAction<Result>(
  convexUrl: string,
  path: string,
  args: Record<string, Value | undefined>,
  signal?: AbortSignal,
): Promise<Result> {
  const response = await fetch(`${convexUrl}/api/action`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ path, format: "convex_encoded_json", args: [convexToJson(args)] }),
    signal,
  });
  if (!response.ok && response.status !== FUNCTION_FAILED) {
    throw new Error(`The server answered ${response.status}: ${(await response.text()).slice(0, 200)}`);
  }
  const reply = (await response.json()) as { status?: string; value?: unknown; errorMessage?: string; errorData?: unknown };
  if (reply.status === "success") return jsonToConvex(reply.value as never) as Result;
  if (reply.status === "error") {
    if (reply.errorData !== undefined) {
      const error = new ConvexError(reply.errorMessage ?? "");
      (error as { data: unknown }).data = jsonToConvex(reply.errorData as never);
      throw error;
    }
    throw new ActionFailedError(reply.errorMessage ?? "The action failed.");
  }
  throw new Error("The server's answer was not understood.");
}
