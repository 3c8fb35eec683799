/** A visitor for the benchmarks: the real ConvexClient over `ws`, signed in anonymously. */
import { ConvexClient } from "convex/browser";
import WebSocket from "ws";
import { api } from "../convex/_generated/api.js";

/** Counts what a client receives over its WebSocket (message payload bytes, and messages). */
export type WireCounter = { bytes: number; messages: number };

function countingWebSocket(counter: WireCounter) {
  return class CountingWebSocket extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols);
      this.on("message", (data: Buffer) => {
        counter.bytes += data.length;
        counter.messages += 1;
      });
    }
  };
}

export type Visitor = { client: ConvexClient; token: string; close(): Promise<void> };

/** The site the benchmarks chat on: the one the local backend seeds. */
export const SITE_KEY = "demo";

/**
 * Signs in anonymously through `auth:signIn` (or reuses `token`: another tab of the same visitor)
 * and authenticates the client. With `counter`, every WebSocket message received is counted.
 */
export async function openVisitor(url: string, options: { token?: string; counter?: WireCounter } = {}): Promise<Visitor> {
  const webSocketConstructor = options.counter ? countingWebSocket(options.counter) : WebSocket;
  const client = new ConvexClient(url, {
    webSocketConstructor: webSocketConstructor as never,
    logger: false,
    unsavedChangesWarning: false,
  });
  let token = options.token;
  if (!token) {
    const result = await client.action(api.auth.signIn, { provider: "anonymous", params: { siteKey: "demo" } });
    token = result.tokens?.token;
    if (!token) throw new Error(`auth:signIn returned no token: ${JSON.stringify(result)}`);
  }
  const signedIn = token;
  const confirmed = await new Promise<boolean>((resolve) => client.setAuth(async () => signedIn, resolve));
  if (!confirmed) throw new Error("The backend refused the token it issued");
  return { client, token: signedIn, close: () => client.close() };
}

/** Starts generating `streamId` as its driver: POST /chat-stream with the visitor's token. */
export async function postChatStream(siteUrl: string, token: string, streamId: string): Promise<ReadableStreamDefaultReader<Uint8Array>> {
  const response = await fetch(`${siteUrl}/chat-stream?site=${SITE_KEY}`, {
    method: "POST",
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
    body: JSON.stringify({ streamId }),
  });
  if (!response.ok || !response.body) throw new Error(`POST /chat-stream answered ${response.status}: ${await response.text()}`);
  return response.body.getReader();
}
