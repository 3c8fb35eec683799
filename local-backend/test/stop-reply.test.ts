/**
 * Stopping a reply over the real wire: a driver streams it over HTTP, the visitor calls
 * `chat:stopReply` through the real `ConvexClient`, and another tab watching the conversation sees
 * the partial text marked `stopped`.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import type { ConvexClient } from "convex/browser";
import { anyApi } from "convex/server";
import { startLocalBackend, type LocalBackend } from "../src/index.ts";
import { newClient, record, signInAnonymously, waitFor } from "./helpers.ts";

type Sent = { conversationId: string; streamId: string };
type Message = { role: string; content: string; status?: string };

let backend: LocalBackend;
let driver: ConvexClient;
let watcher: ConvexClient;
let token: string;

beforeAll(async () => {
  backend = await startLocalBackend({ env: { OFFLINE_TOKEN_DELAY_MS: "5" } });
  await backend.runMutation("sites:ensureDemoSite");
  driver = newClient(backend.url);
  token = await signInAnonymously(driver);
  // Another tab of the same visitor.
  watcher = newClient(backend.url);
  await new Promise<boolean>((resolve) => watcher.setAuth(async () => token, resolve));
});

afterAll(async () => {
  await driver?.close();
  await watcher?.close();
  await backend?.close();
});

it("a stop mid-reply ends the HTTP stream and every viewer sees the partial text as stopped", async () => {
  const sent = (await driver.mutation(anyApi.chat.sendMessage, { siteKey: "demo", text: "Go on; reply with 8000 characters" })) as Sent;
  const messages = record<Message[]>(watcher, anyApi.chat.listMessages, { conversationId: sent.conversationId });
  const response = await fetch(`${backend.siteUrl}/chat-stream?site=demo`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({ streamId: sent.streamId }),
  });
  expect(response.status).toBe(200);
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let streamed = "";
  while (streamed.length < 300) {
    const { value, done } = await reader.read();
    if (done) throw new Error("the reply ended before it was stopped");
    streamed += decoder.decode(value, { stream: true });
  }
  expect(await driver.mutation(anyApi.chat.stopReply, { streamId: sent.streamId })).toBeNull();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    streamed += decoder.decode(value, { stream: true });
  }
  expect(streamed.length).toBeLessThan(8000);

  const seen = await waitFor(messages.latest, (m) => m.at(-1)?.status === "stopped", "the watcher to see the stop");
  expect(seen.at(-1)).toMatchObject({ role: "assistant", status: "stopped", content: streamed });
  const body = await watcher.query(anyApi.chat.getStreamBody, { streamId: sent.streamId });
  expect(body).toEqual({ text: streamed, status: "done" });
  messages.unsubscribe();
});
