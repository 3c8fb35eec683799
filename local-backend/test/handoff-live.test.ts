/**
 * The human handoff over the real sync protocol, both sides live: a visitor asks for a person, the
 * seeded demo owner sees it waiting, comes online, types and replies; the visitor's subscriptions
 * show the operator online, typing, "joined" and the reply as they happen; the owner hands back and
 * the AI answers again.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import type { ConvexClient } from "convex/browser";
import { anyApi } from "convex/server";
import { DEMO_OWNER_EMAIL, demoOwnerPassword, seedDemo } from "../src/demo-seed.ts";
import { startLocalBackend, type LocalBackend } from "../src/index.ts";
import { newClient, record, signInAnonymously, waitFor } from "./helpers.ts";

type State = { mode: string; operatorsOnline: boolean; operatorTypingUntil?: number; operatorTypingName?: string; assigneeName?: string };
type Message = { author: string; authorName?: string; content: string };
type Page = { page: { conversationId: string; mode: string }[] };

let backend: LocalBackend;
let owner: ConvexClient;
let visitor: ConvexClient;

beforeAll(async () => {
  backend = await startLocalBackend({ env: { OFFLINE_TOKEN_DELAY_MS: "1" }, log: () => {} });
  await seedDemo(backend);
  owner = newClient(backend.url);
  visitor = newClient(backend.url);
  const signedIn = (await owner.action(anyApi.auth.signIn, {
    provider: "password",
    params: { email: DEMO_OWNER_EMAIL, password: demoOwnerPassword(), flow: "signIn" },
  })) as { tokens: { token: string } };
  await new Promise<boolean>((resolve) => owner.setAuth(async () => signedIn.tokens.token, resolve));
  await signInAnonymously(visitor);
});

afterAll(async () => {
  await owner?.close();
  await visitor?.close();
  await backend?.close();
});

it("a visitor asks for a person; the owner takes it live; the visitor sees who answers; hand back", async () => {
  const waiting = record<Page>(owner, anyApi.inbox.listConversations, {
    siteKey: "demo",
    filter: "waiting",
    paginationOpts: { numItems: 20, cursor: null },
  });
  const { conversationId } = (await visitor.mutation(anyApi.chat.requestHuman, { siteKey: "demo" })) as { conversationId: string };
  await waitFor(
    waiting.latest,
    (p) => p.page.some((row) => row.conversationId === conversationId),
    "the conversation waiting in the inbox",
  );

  const state = record<State>(visitor, anyApi.chat.conversationState, { conversationId });
  const messages = record<Message[]>(visitor, anyApi.chat.listMessages, { conversationId });
  await waitFor(state.latest, (s) => s.mode === "waiting" && !s.operatorsOnline, "waiting, nobody online");

  await owner.mutation(anyApi.inbox.heartbeat, { siteKey: "demo" });
  await waitFor(state.latest, (s) => s.operatorsOnline, "an operator online");
  await owner.mutation(anyApi.inbox.setTyping, { conversationId, typing: true });
  const typing = await waitFor(state.latest, (s) => s.operatorTypingUntil !== undefined, "the operator typing");
  expect(typing.operatorTypingName).toBe("Demo Owner");

  await owner.mutation(anyApi.inbox.reply, { conversationId, text: "Hi, I'm here to help." });
  const answered = await waitFor(
    state.latest,
    (s) => s.mode === "human" && s.operatorTypingUntil === undefined,
    "a person answering, no longer typing",
  );
  expect(answered.assigneeName).toBe("Demo Owner");
  const lines = await waitFor(messages.latest, (m) => m.length === 2, "joined and the reply");
  expect(lines).toEqual([
    expect.objectContaining({ author: "system", content: "Demo Owner joined" }),
    expect.objectContaining({ author: "operator", authorName: "Demo Owner", content: "Hi, I'm here to help." }),
  ]);
  await waitFor(waiting.latest, (p) => p.page.length === 0, "no longer waiting");

  await owner.mutation(anyApi.inbox.handBack, { conversationId });
  await waitFor(state.latest, (s) => s.mode === "ai", "the AI answering again");
  const sent = (await visitor.mutation(anyApi.chat.sendMessage, { siteKey: "demo", conversationId, text: "echo:back to the bot" })) as {
    streamId: string | null;
  };
  expect(sent.streamId).not.toBeNull();
  for (const subscription of [waiting, state, messages]) subscription.unsubscribe();
});
