/** Shared helpers for the local backend's protocol tests (real ConvexClient over `ws`). */
import { ConvexClient } from "convex/browser";
import { anyApi } from "convex/server";
import WebSocket from "ws";

/**
 * Polls `read` until it gives a value (not undefined) that `accept` holds for; fails with the
 * last value after `timeoutMs`.
 */
export async function waitFor<T>(read: () => T | undefined, accept: (value: T) => boolean, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value !== undefined && accept(value)) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}; last value: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export function newClient(url: string): ConvexClient {
  // Quiet: expected failures (bad tokens, refused functions) would otherwise be logged.
  return new ConvexClient(url, { webSocketConstructor: WebSocket as never, logger: false, unsavedChangesWarning: false });
}

/** Signs in anonymously on the seeded `demo` site and authenticates the client; resolves to the JWT. */
export async function signInAnonymously(client: ConvexClient): Promise<string> {
  const result = (await client.action(anyApi.auth.signIn, { provider: "anonymous", params: { siteKey: "demo" } })) as {
    tokens?: { token: string };
  };
  const token = result.tokens?.token;
  if (!token) throw new Error(`auth:signIn returned no token: ${JSON.stringify(result)}`);
  const confirmed = await new Promise<boolean>((resolve) => client.setAuth(async () => token, resolve));
  if (!confirmed) throw new Error("the backend refused the token it just issued");
  return token;
}

/** Subscribes and records every value; `latest()` is the newest. */
export function record<T>(client: ConvexClient, query: unknown, args: Record<string, unknown>) {
  const values: T[] = [];
  const errors: Error[] = [];
  const unsubscribe = client.onUpdate(
    query as never,
    args as never,
    (v: T) => void values.push(v),
    (e: Error) => void errors.push(e),
  );
  return { values, errors, latest: () => values.at(-1), unsubscribe };
}
