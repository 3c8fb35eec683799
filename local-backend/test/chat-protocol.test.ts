/**
 * The real `ConvexClient` (convex/browser) against the local backend running the real `convex/`
 * app: sign-in, subscriptions, mutations, the streaming route, and refusals.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ConvexClient } from "convex/browser";
import { anyApi } from "convex/server";
import { ConvexError } from "convex/values";
import { startLocalBackend, type LocalBackend } from "../src/index.ts";
import { newClient, record, signInAnonymously, waitFor } from "./helpers.ts";

type Sent = { conversationId: string; userMessageId: string; assistantMessageId: string; streamId: string };
type Message = { _id: string; role: string; content: string; status?: string };
type StreamBody = { text: string; status: string };

let backend: LocalBackend;
let client: ConvexClient;
let token: string;
const logs: string[] = [];

beforeAll(async () => {
  // Small but nonzero: slow enough to watch the reply grow, fast enough for a test.
  backend = await startLocalBackend({ env: { OFFLINE_TOKEN_DELAY_MS: "4" }, log: (l) => logs.push(l) });
  // The site the app's functions need, as scripts/backend-child.ts and `npm run backend` seed it.
  await backend.runMutation("sites:ensureDemoSite");
  client = newClient(backend.url);
  token = await signInAnonymously(client);
});

afterAll(async () => {
  await client?.close();
  await backend?.close();
});

function postStream(streamId: string, bearer = token, signal?: AbortSignal) {
  return fetch(`${backend.siteUrl}/chat-stream?site=demo`, {
    method: "POST",
    headers: { authorization: `Bearer ${bearer}`, "content-type": "application/json" },
    body: JSON.stringify({ streamId }),
    signal,
  });
}

describe("local backend with the real ConvexClient", () => {
  it("serves both URLs on loopback", () => {
    expect(backend.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(backend.siteUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(backend.siteUrl).not.toBe(backend.url);
  });

  it("pushes a listMessages update after sendMessage", async () => {
    const first = (await client.mutation(anyApi.chat.sendMessage, { siteKey: "demo", text: "first" })) as Sent;
    const messages = record<Message[]>(client, anyApi.chat.listMessages, { conversationId: first.conversationId });
    await waitFor(messages.latest, (m) => m?.length === 2, "the first exchange");

    // Sent while the first reply is still pending: stored at once, answered by the next reply.
    await client.mutation(anyApi.chat.sendMessage, { siteKey: "demo", conversationId: first.conversationId, text: "second" });
    const after = await waitFor(messages.latest, (m) => m?.length === 3, "the second message");
    expect(after.filter((m) => m.role === "user").map((m) => m.content)).toEqual(["first", "second"]);
    messages.unsubscribe();
  });

  it("streams /chat-stream while a getStreamBody subscriber sees the text grow to done", async () => {
    const sent = (await client.mutation(anyApi.chat.sendMessage, {
      siteKey: "demo",
      text: "Tell me about streaming; reply with 3000 characters",
    })) as Sent;
    const body = record<StreamBody>(client, anyApi.chat.getStreamBody, { streamId: sent.streamId });
    const response = await postStream(sent.streamId);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain/);

    // Read progressively: the body arrives in several chunks, not one buffered blob.
    const decoder = new TextDecoder();
    let streamed = "";
    let chunks = 0;
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      streamed += decoder.decode(chunk, { stream: true });
      chunks++;
    }
    expect(chunks).toBeGreaterThan(1);
    expect(streamed.length).toBeGreaterThan(0);

    const final = await waitFor(body.latest, (b) => b?.status === "done", "the stream to end done");
    expect(final.text).toBe(streamed);
    // The subscriber saw intermediate states: text that grew before it was done.
    const lengths = body.values.map((b) => b.text.length);
    expect(lengths.some((n) => n > 0 && n < final.text.length)).toBe(true);
    expect(lengths).toEqual([...lengths].sort((a, b) => a - b));
    body.unsubscribe();
  });

  it("keeps generating and persisting when the driving client disconnects mid-stream", async () => {
    const sent = (await client.mutation(anyApi.chat.sendMessage, { siteKey: "demo", text: "Please write a long answer" })) as Sent;
    const abort = new AbortController();
    const response = await postStream(sent.streamId, token, abort.signal);
    const reader = response.body!.getReader();
    await reader.read(); // the first chunk: generation has started
    abort.abort();
    await reader.cancel().catch(() => {});

    const messages = record<Message[]>(client, anyApi.chat.listMessages, { conversationId: sent.conversationId });
    const done = await waitFor(
      messages.latest,
      (m) => m?.some((x) => x.role === "assistant" && x.status === "done") ?? false,
      "the reply to finish without its driver",
    );
    expect(done.find((m) => m.role === "assistant")!.content.length).toBeGreaterThan(0);
    messages.unsubscribe();
  });

  it("delivers ConvexError data intact to the client", async () => {
    const error = await client.mutation(anyApi.chat.sendMessage, { siteKey: "demo", text: "   " }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConvexError);
    expect((error as ConvexError<{ code: string }>).data).toMatchObject({ code: "EMPTY_MESSAGE" });
  });

  it("refuses internal functions like a deployment", async () => {
    const error = (await client.mutation(anyApi.replies.claimReply, { streamId: "x", userId: "y" }).catch((e: Error) => e)) as Error;
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toContain("Could not find public function for 'replies:claimReply'");
  });

  it("refuses unknown function paths, and a query called as a mutation", async () => {
    const unknown = (await client.query(anyApi.chat.noSuchQuery, {}).catch((e: Error) => e)) as Error;
    expect(unknown.message).toContain("Could not find public function for 'chat:noSuchQuery'");
    const wrongKind = (await client.mutation(anyApi.chat.listConversations, { siteKey: "demo" }).catch((e: Error) => e)) as Error;
    expect(wrongKind.message).toContain("defined as Query");
  });

  it("refuses a bad token on the sync API (onChange(false)) and queries run anonymously", async () => {
    const other = newClient(backend.url);
    try {
      const forged = token.slice(0, -4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");
      const accepted = await new Promise<boolean>((resolve) => other.setAuth(async () => forged, resolve));
      expect(accepted).toBe(false);
      const error = await other.query(anyApi.chat.listConversations, { siteKey: "demo" }).catch((e: unknown) => e);
      expect((error as ConvexError<{ code: string }>).data).toMatchObject({ code: "UNAUTHENTICATED" });
    } finally {
      await other.close();
    }
  });

  it("refuses a bad bearer token on the http route with 401 JSON", async () => {
    const sent = (await client.mutation(anyApi.chat.sendMessage, { siteKey: "demo", text: "never generated" })) as Sent;
    const response = await postStream(sent.streamId, "not.a.jwt");
    expect(response.status).toBe(401);
    expect(response.headers.get("content-type")).toMatch(/json/);
    // The app's error shape, so the widget's driver reads the reason as for the app's own 401s.
    expect(await response.json()).toEqual({ error: { code: "UNAUTHENTICATED", message: expect.any(String) } });
    const body = (await client.query(anyApi.chat.getStreamBody, { streamId: sent.streamId })) as StreamBody;
    expect(body).toEqual({ text: "", status: "pending" });
  });
});
