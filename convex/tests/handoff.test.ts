// The human handoff's transitions (lib/conversationMode.ts) and the AI gate, through the public
// functions both sides call and the real stream route.
import { afterEach, beforeEach, expect, test } from "vitest";
import { api, internal } from "../_generated/api";
import { createPendingReply } from "../lib/replyLifecycle";
import { HANDOVER_SENTENCE } from "../providers/handoff";
import { expectCode, newDesk, transcript, type Desk } from "./handoff.helpers";
import { readChunks, setEnv, streamRequest, waitFor } from "./stream.helpers";
import { lastMessage, SITE_KEY } from "./visitors.helpers";

let desk: Desk;
let restoreEnv: () => void;

beforeEach(async () => {
  restoreEnv = setEnv({ OFFLINE_TOKEN_DELAY_MS: "1", OPENAI_API_KEY: undefined });
  desk = await newDesk();
});
afterEach(() => restoreEnv());

const page = { numItems: 20, cursor: null };
const stream = (streamId: string) => desk.visitor.as.fetch(`/chat-stream?site=${SITE_KEY}`, streamRequest(streamId));

async function send(text: string, conversationId?: string) {
  return await desk.visitor.as.mutation(api.chat.sendMessage, { siteKey: SITE_KEY, text, ...(conversationId ? { conversationId } : {}) });
}

test("a visitor asks for a person before any message; while waiting their messages get no AI reply", async () => {
  const { conversationId } = await desk.visitor.as.mutation(api.chat.requestHuman, { siteKey: SITE_KEY });
  expect(await desk.visitor.as.query(api.chat.conversationState, { conversationId })).toMatchObject({
    mode: "waiting",
    status: "open",
    operatorsOnline: false,
    humanHandoff: true,
  });
  const sent = await send("Is anyone there?", conversationId);
  expect(sent).toMatchObject({ conversationId, assistantMessageId: null, streamId: null });
  expect(await transcript(desk.visitor, conversationId)).toEqual([{ author: "visitor", content: "Is anyone there?", status: undefined }]);
  // The same send again (idempotent) still prepares no reply.
  const keyed = await desk.visitor.as.mutation(api.chat.sendMessage, {
    siteKey: SITE_KEY,
    conversationId,
    text: "hello?",
    clientMessageId: "k1",
  });
  expect(
    await desk.visitor.as.mutation(api.chat.sendMessage, { siteKey: SITE_KEY, conversationId, text: "hello?", clientMessageId: "k1" }),
  ).toEqual(keyed);

  const waiting = await desk.agent.as.query(api.inbox.listConversations, { siteKey: SITE_KEY, filter: "waiting", paginationOpts: page });
  expect(waiting.page).toHaveLength(1);
  expect(waiting.page[0]).toMatchObject({ conversationId, mode: "waiting", unread: true, waitingSince: expect.any(Number) });
  // Asking again changes nothing.
  await desk.visitor.as.mutation(api.chat.requestHuman, { siteKey: SITE_KEY, conversationId });
  expect((await desk.visitor.as.query(api.chat.conversationState, { conversationId })).waitingSince).toBe(waiting.page[0].waitingSince);
});

test("the waiting filter lists the longest waiting first; mine lists what I hold", async () => {
  const first = (await send("first")).conversationId;
  const second = (await send("second")).conversationId;
  await desk.visitor.as.mutation(api.chat.requestHuman, { siteKey: SITE_KEY, conversationId: second });
  await desk.visitor.as.mutation(api.chat.requestHuman, { siteKey: SITE_KEY, conversationId: first });
  const waiting = await desk.owner.as.query(api.inbox.listConversations, { siteKey: SITE_KEY, filter: "waiting", paginationOpts: page });
  expect(waiting.page.map((row) => row.conversationId)).toEqual([second, first]);

  await desk.agent.as.mutation(api.inbox.takeOver, { conversationId: first });
  const mine = (who: Desk["owner"]) =>
    who.as.query(api.inbox.listConversations, { siteKey: SITE_KEY, filter: "mine", paginationOpts: page });
  expect((await mine(desk.agent)).page).toMatchObject([{ conversationId: first, mode: "human", assigneeName: "agent" }]);
  expect((await mine(desk.owner)).page).toEqual([]);
  const stillWaiting = await desk.owner.as.query(api.inbox.listConversations, {
    siteKey: SITE_KEY,
    filter: "waiting",
    paginationOpts: page,
  });
  expect(stillWaiting.page.map((row) => row.conversationId)).toEqual([second]);
});

test("a site that turned the handoff off refuses requests and writes nothing", async () => {
  await desk.owner.as.mutation(api.siteSettings.update, { siteKey: SITE_KEY, humanHandoff: false });
  expect(await desk.owner.as.query(api.siteSettings.get, { siteKey: SITE_KEY })).toMatchObject({ humanHandoff: false });
  await expectCode(desk.visitor.as.mutation(api.chat.requestHuman, { siteKey: SITE_KEY }), "HANDOFF_DISABLED");
  expect(await desk.visitor.as.query(api.chat.listConversations, { siteKey: SITE_KEY })).toEqual([]);
  const { conversationId } = await send("hi");
  await expectCode(desk.visitor.as.mutation(api.chat.requestHuman, { siteKey: SITE_KEY, conversationId }), "HANDOFF_DISABLED");
  expect(await desk.visitor.as.query(api.chat.conversationState, { conversationId })).toMatchObject({ mode: "ai", humanHandoff: false });
});

test("a take-over mid-reply stops the AI's reply with its text kept; then no AI reply while a person answers", async () => {
  setEnv({ OFFLINE_TOKEN_DELAY_MS: "5" });
  const sent = await send("Tell me everything; reply with 6000 characters");
  const response = await stream(sent.streamId!);
  expect(response.status).toBe(200);
  const reading = readChunks(response);
  await waitFor(
    () => lastMessage(desk.visitor, sent.conversationId),
    (m) => m.status === "streaming",
  );
  await waitFor(
    () => desk.owner.as.query(api.inbox.getStreamBody, { conversationId: sent.conversationId, streamId: sent.streamId! }),
    (b) => b.text.length > 40,
  );

  await desk.owner.as.mutation(api.inbox.takeOver, { conversationId: sent.conversationId });
  const streamed = (await reading).join("");
  const reply = await waitFor(
    async () =>
      (await desk.visitor.as.query(api.chat.listMessages, { conversationId: sent.conversationId })).find(
        (m) => m._id === sent.assistantMessageId,
      )!,
    (m) => m.status === "stopped",
  );
  expect(streamed.length).toBeGreaterThan(40);
  expect(streamed.length).toBeLessThan(6000);
  expect(reply).toMatchObject({ author: "ai", content: streamed, status: "stopped" });
  expect(await desk.visitor.as.query(api.chat.conversationState, { conversationId: sent.conversationId })).toMatchObject({
    mode: "human",
    assigneeName: "owner",
  });
  expect((await transcript(desk.visitor, sent.conversationId)).map((m) => m.content).slice(-1)).toEqual(["owner joined"]);

  const next = await send("Thanks, human", sent.conversationId);
  expect(next.streamId).toBeNull();
  await desk.owner.as.mutation(api.inbox.reply, { conversationId: sent.conversationId, text: "  Happy to help.  " });
  expect((await transcript(desk.visitor, sent.conversationId)).slice(-3)).toEqual([
    { author: "system", content: "owner joined", status: "done" },
    { author: "visitor", content: "Thanks, human", status: undefined },
    { author: "operator", authorName: "owner", content: "Happy to help.", status: "done" },
  ]);
  // Taking over again changes nothing; another operator taking over reassigns it.
  await desk.owner.as.mutation(api.inbox.takeOver, { conversationId: sent.conversationId });
  await desk.agent.as.mutation(api.inbox.takeOver, { conversationId: sent.conversationId });
  const lines = (await transcript(desk.visitor, sent.conversationId)).filter((m) => m.author === "system").map((m) => m.content);
  expect(lines).toEqual(["owner joined", "agent joined"]);
  expect(await desk.agent.as.query(api.inbox.getConversation, { conversationId: sent.conversationId })).toMatchObject({
    mode: "human",
    assigneeName: "agent",
    assignedToMe: true,
  });
});

test("a message sent while the AI hands over gets no AI reply; a reply claimed after the handover is refused (409 HUMAN_MODE)", async () => {
  const first = await send("Please, I want to talk to a human");
  const second = await send("and quickly", first.conversationId);
  expect(second.streamId).toBeNull(); // sent while the AI still answered: it waits for the next reply
  const handover = (await readChunks(await stream(first.streamId!))).join("");
  expect(handover).toBe(HANDOVER_SENTENCE);
  expect((await desk.visitor.as.query(api.chat.conversationState, { conversationId: first.conversationId })).mode).toBe("waiting");
  // The person reads it: no next AI reply.
  expect((await transcript(desk.visitor, first.conversationId)).map((m) => m.author)).toEqual(["visitor", "ai", "visitor"]);

  // A reply whose send committed just before the handover (a race) is refused at its claim.
  const late = await desk.t.run((ctx) => createPendingReply(ctx, { conversationId: first.conversationId, userId: desk.visitor.userId }));
  const refused = await stream(late.streamId);
  expect(refused.status).toBe(409);
  expect((await refused.json()).error.code).toBe("HUMAN_MODE");
  const stopped = await lastMessage(desk.visitor, first.conversationId);
  expect(stopped).toMatchObject({ _id: late.messageId, status: "stopped", content: "" });
  expect(await desk.visitor.as.query(api.chat.getStreamBody, { streamId: late.streamId })).toEqual({ text: "", status: "done" });
});

test("an operator's reply takes over when nobody has; bad text is refused and writes nothing", async () => {
  const { conversationId } = await send("echo:hello");
  await readChunks(await stream((await lastMessage(desk.visitor, conversationId)).streamId!));
  await expectCode(desk.agent.as.mutation(api.inbox.reply, { conversationId, text: "   " }), "EMPTY_MESSAGE");
  await expectCode(desk.agent.as.mutation(api.inbox.reply, { conversationId, text: "x".repeat(4_001) }), "MESSAGE_TOO_LONG");
  expect((await desk.visitor.as.query(api.chat.conversationState, { conversationId })).mode).toBe("ai");
  expect(await transcript(desk.visitor, conversationId)).toHaveLength(2);

  const { messageId } = await desk.agent.as.mutation(api.inbox.reply, { conversationId, text: "Hi, I'm here." });
  expect(await transcript(desk.visitor, conversationId)).toEqual([
    { author: "visitor", content: "echo:hello", status: undefined },
    { author: "ai", content: "hello", status: "done" },
    { author: "system", content: "agent joined", status: "done" },
    { author: "operator", authorName: "agent", content: "Hi, I'm here.", status: "done" },
  ]);
  expect(messageId).toBeDefined();
  const row = (await desk.owner.as.query(api.inbox.listConversations, { siteKey: SITE_KEY, filter: "all", paginationOpts: page })).page[0];
  expect(row).toMatchObject({ mode: "human", assigneeName: "agent", preview: "Hi, I'm here.", previewAuthor: "operator", unread: false });
});

test("hand back: the AI answers again, with the person's words in its history and no system lines", async () => {
  const { conversationId } = await desk.visitor.as.mutation(api.chat.requestHuman, { siteKey: SITE_KEY });
  await desk.owner.as.mutation(api.inbox.reply, { conversationId, text: "Your order ships tomorrow." });
  await desk.owner.as.mutation(api.inbox.handBack, { conversationId });
  expect(await desk.visitor.as.query(api.chat.conversationState, { conversationId })).toMatchObject({ mode: "ai" });
  expect((await transcript(desk.visitor, conversationId)).map((m) => m.content)).toEqual([
    "owner joined",
    "Your order ships tomorrow.",
    "owner left",
  ]);

  const sent = await send("echo:Anything else?", conversationId);
  expect(sent.streamId).not.toBeNull();
  expect((await readChunks(await stream(sent.streamId!))).join("")).toBe("Anything else?");
  const history = await desk.t.query(internal.replies.recentHistory, { conversationId: sent.conversationId, before: Date.now() + 1 });
  expect(history).toEqual([
    { role: "assistant", content: "Your order ships tomorrow." },
    { role: "user", content: "echo:Anything else?" },
    { role: "assistant", content: "Anything else?" },
  ]);
  // Handing back a conversation the AI answers changes nothing.
  await desk.owner.as.mutation(api.inbox.handBack, { conversationId });
  expect((await transcript(desk.visitor, conversationId)).filter((m) => m.content === "owner left")).toHaveLength(1);
});

test("resolve and reopen write their lines; a visitor's message reopens; resolving ends a wait", async () => {
  const { conversationId } = await desk.visitor.as.mutation(api.chat.requestHuman, { siteKey: SITE_KEY });
  await desk.agent.as.mutation(api.inbox.resolve, { conversationId });
  await desk.agent.as.mutation(api.inbox.resolve, { conversationId }); // nothing the second time
  expect(await desk.visitor.as.query(api.chat.conversationState, { conversationId })).toMatchObject({ mode: "ai", status: "resolved" });
  await desk.agent.as.mutation(api.inbox.reopen, { conversationId });
  await desk.agent.as.mutation(api.inbox.setStatus, { conversationId, status: "resolved" });
  const sent = await send("echo:one more thing", conversationId);
  expect(await desk.visitor.as.query(api.chat.conversationState, { conversationId })).toMatchObject({ mode: "ai", status: "open" });
  expect((await transcript(desk.visitor, conversationId)).map((m) => `${m.author}: ${m.content}`)).toEqual([
    "system: Resolved",
    "system: Reopened",
    "system: Resolved",
    "system: Reopened",
    "visitor: echo:one more thing",
    "ai: ",
  ]);
  expect(sent.streamId).not.toBeNull();

  // A person keeps a conversation they answer through a resolve: the visitor's next message reaches them.
  await desk.agent.as.mutation(api.inbox.takeOver, { conversationId });
  await desk.agent.as.mutation(api.inbox.resolve, { conversationId });
  expect((await send("back again", conversationId)).streamId).toBeNull();
  expect(await desk.visitor.as.query(api.chat.conversationState, { conversationId })).toMatchObject({
    mode: "human",
    status: "open",
    assigneeName: "agent",
  });
});
