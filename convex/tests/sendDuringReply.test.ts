// A visitor writes while a reply is being written (people write in several short messages): each
// message is stored at once, in order, and gets no reply of its own; when the reply ends, however
// it ends, ONE next reply answers every message sent meanwhile, and the model reads them all.
// Driven through the real /chat-stream route and the offline responder.
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { api, internal } from "../_generated/api";
import type { Id } from "../_generated/dataModel";
import { mergeVisitorTurns } from "../lib/historyTurns";
import { expireUnstartedReply } from "../lib/replyLifecycle";
import { startOpenAIServer, type OpenAIServer } from "./openaiServer.helpers";
import { newConvexTest, type ChatTest } from "./convexTest.helpers";
import { newOperator } from "./operators.helpers";
import { expectRateLimited, refusal } from "./limits.helpers";
import { setEnv, streamRequest, waitFor } from "./stream.helpers";
import { createSite, signInVisitor, SITE_KEY, type Visitor } from "./visitors.helpers";

const LONG_REPLY = "Tell me everything; reply with 3000 characters";
let t: ChatTest;
let visitor: Visitor;
let restoreEnv: () => void;

beforeEach(async () => {
  // The server's own drive stays out of the way: the tests drive every reply themselves.
  restoreEnv = setEnv({
    OFFLINE_TOKEN_DELAY_MS: "5",
    OPENAI_API_KEY: undefined,
    OPENAI_BASE_URL: undefined,
    SERVER_DRIVE_DELAY_MS: "600000",
  });
  t = await newConvexTest();
  visitor = await signInVisitor(t);
});
let openai: OpenAIServer | undefined;
afterEach(async () => {
  await openai?.close();
  openai = undefined;
  restoreEnv();
});

async function send(text: string, conversationId?: Id<"conversations">, siteKey = SITE_KEY, who = visitor) {
  return await who.as.mutation(api.chat.sendMessage, { siteKey, text, conversationId });
}

/** Starts driving a reply as the widget does; `ended` resolves with all the text it streamed. */
async function drive(streamId: string) {
  const response = await visitor.as.fetch(`/chat-stream?site=${SITE_KEY}`, streamRequest(streamId));
  expect(response.status).toBe(200);
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  const state = { text: "" };
  const ended = (async () => {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return state.text;
      state.text += decoder.decode(value, { stream: true });
    }
  })();
  return { state, ended };
}

async function messages(conversationId: Id<"conversations">) {
  return await visitor.as.query(api.chat.listMessages, { conversationId });
}

/** The conversation as `author:status:content` lines (AI text shortened to its status). */
async function shape(conversationId: Id<"conversations">) {
  return (await messages(conversationId)).map((m) => (m.author === "visitor" ? `visitor:${m.content}` : `${m.author}:${m.status}`));
}

/** Sends a long question and starts driving its reply; resolves once text is streaming. */
async function streamingReply() {
  const sent = await send(LONG_REPLY);
  const driven = await drive(sent.streamId!);
  await waitFor(
    async () => driven.state.text.length,
    (n) => n > 100,
  );
  return { ...sent, ...driven };
}

describe("a message sent while a reply is written", () => {
  test("is stored at once, after the streaming reply, and starts no second reply", async () => {
    const first = await streamingReply();
    const during = await send("One more thing", first.conversationId);

    expect(during).toMatchObject({ conversationId: first.conversationId, assistantMessageId: null, streamId: null });
    expect(await shape(first.conversationId)).toEqual([`visitor:${LONG_REPLY}`, "ai:streaming", "visitor:One more thing"]);
    await first.ended;
    const after = await messages(first.conversationId);
    expect(after[1]).toMatchObject({ status: "done" });
    // The current reply is not disturbed: it answers the first question, in full.
    expect(after[1].content).toHaveLength(3000);
  });

  test("several of them get ONE next reply, which reads them all", async () => {
    const first = await streamingReply();
    await send("My name is Ada.", first.conversationId);
    await send("I need a bigger teapot.", first.conversationId);
    await first.ended;

    const listed = await messages(first.conversationId);
    expect(await shape(first.conversationId)).toEqual([
      `visitor:${LONG_REPLY}`,
      "ai:done",
      "visitor:My name is Ada.",
      "visitor:I need a bigger teapot.",
      "ai:pending",
    ]);
    const next = listed[4];
    // What the model is given: both messages as one visitor turn, after the first reply.
    const history = await t.query(internal.replies.recentHistory, { conversationId: first.conversationId, before: next._creationTime });
    expect(history.map((turn) => turn.role)).toEqual(["user", "assistant", "user"]);
    expect(history[2].content).toBe("My name is Ada.\n\nI need a bigger teapot.");

    const streamed = await (await drive(next.streamId!)).ended;
    expect(streamed).toContain("My name is Ada. I need a bigger teapot.");
    expect(await shape(first.conversationId)).toEqual([
      `visitor:${LONG_REPLY}`,
      "ai:done",
      "visitor:My name is Ada.",
      "visitor:I need a bigger teapot.",
      "ai:done",
    ]);
  });

  test("a reply nobody started yet: the message waits for it too, and a stop of it brings the next at once", async () => {
    const first = await send(LONG_REPLY);
    expect((await send("Hello?", first.conversationId)).streamId).toBeNull();
    await visitor.as.mutation(api.chat.stopReply, { streamId: first.streamId! });

    expect(await shape(first.conversationId)).toEqual([`visitor:${LONG_REPLY}`, "ai:stopped", "visitor:Hello?", "ai:pending"]);
    // The stopped reply has no text: the model reads both questions as one turn.
    const next = (await messages(first.conversationId))[3];
    const history = await t.query(internal.replies.recentHistory, { conversationId: first.conversationId, before: next._creationTime });
    expect(history).toEqual([{ role: "user", content: `${LONG_REPLY}\n\nHello?` }]);
  });

  test("a stop mid-reply keeps its text and still brings the next reply", async () => {
    const first = await streamingReply();
    await send("Never mind, what are your opening hours?", first.conversationId);
    await visitor.as.mutation(api.chat.stopReply, { streamId: first.streamId! });
    const partial = await first.ended;

    expect(await shape(first.conversationId)).toEqual([
      `visitor:${LONG_REPLY}`,
      "ai:stopped",
      "visitor:Never mind, what are your opening hours?",
      "ai:pending",
    ]);
    expect((await messages(first.conversationId))[1].content).toBe(partial);
    const next = (await messages(first.conversationId))[3];
    expect(await (await drive(next.streamId!)).ended).toContain("opening hours");
  });

  test("a reply that fails or times out still brings the next", async () => {
    openai = await startOpenAIServer({ pieces: [], status: 500 });
    setEnv({ OPENAI_API_KEY: "sk-test", OPENAI_BASE_URL: openai.baseUrl });
    const failing = await send("Hello");
    await send("Are you there?", failing.conversationId);
    await (
      await drive(failing.streamId!)
    ).ended;
    expect(await shape(failing.conversationId)).toEqual(["visitor:Hello", "ai:error", "visitor:Are you there?", "ai:pending"]);

    const unstarted = await send("Anyone?");
    await send("Hello again", unstarted.conversationId);
    await t.run(async (ctx) => void (await expireUnstartedReply(ctx, (await ctx.db.get(unstarted.assistantMessageId!))!)));
    expect(await shape(unstarted.conversationId)).toEqual(["visitor:Anyone?", "ai:timeout", "visitor:Hello again", "ai:pending"]);
  });

  test("the next reply is generated by the server when no tab drives it", async () => {
    const first = await streamingReply();
    await send("Still there?", first.conversationId);
    setEnv({ SERVER_DRIVE_DELAY_MS: "50" }); // read when the next reply is created
    await first.ended;
    const lines = await waitFor(
      () => shape(first.conversationId),
      (listed) => listed[3] === "ai:done",
    );
    expect(lines).toEqual([`visitor:${LONG_REPLY}`, "ai:done", "visitor:Still there?", "ai:done"]);
    expect((await messages(first.conversationId))[3].content).toContain("Still there?");
  });

  test("a message sent while the next reply is pending waits for that one: one reply at a time", async () => {
    const first = await streamingReply();
    await send("second", first.conversationId);
    await first.ended;
    const pending = (await messages(first.conversationId))[3];
    expect(await send("third", first.conversationId)).toMatchObject({ streamId: null });
    await (
      await drive(pending.streamId!)
    ).ended;

    expect(await shape(first.conversationId)).toEqual([
      `visitor:${LONG_REPLY}`,
      "ai:done",
      "visitor:second",
      "ai:done",
      "visitor:third",
      "ai:pending",
    ]);
  });

  test("a reply with nothing sent meanwhile brings no other, and the next message gets its own reply again", async () => {
    const first = await send("Hello");
    await (
      await drive(first.streamId!)
    ).ended;
    expect(await shape(first.conversationId)).toEqual(["visitor:Hello", "ai:done"]);
    const second = await send("Thanks", first.conversationId);
    expect(second.streamId).not.toBeNull();
  });

  test("bad input is still refused with its reason, writing nothing", async () => {
    const first = await streamingReply();
    expect((await refusal(send("   ", first.conversationId))).code).toBe("EMPTY_MESSAGE");
    expect((await refusal(send("a".repeat(4001), first.conversationId))).code).toBe("MESSAGE_TOO_LONG");
    expect(await shape(first.conversationId)).toEqual([`visitor:${LONG_REPLY}`, "ai:streaming"]);
    await first.ended;
    expect(await shape(first.conversationId)).toEqual([`visitor:${LONG_REPLY}`, "ai:done"]);
  });

  test("each message counts against the visitor's pace: past it, RATE_LIMITED and nothing written", async () => {
    await createSite(t, {
      key: "paced",
      allowedOrigins: ["http://localhost:5173"],
      limits: { visitorMessagesPerMinute: 1, visitorBurst: 2 },
    });
    const paced = await signInVisitor(t, "paced");
    const first = await send(LONG_REPLY, undefined, "paced", paced);
    await send("second", first.conversationId, "paced", paced);
    await expectRateLimited(send("third", first.conversationId, "paced", paced), 60_000);
    const listed = await paced.as.query(api.chat.listMessages, { conversationId: first.conversationId });
    expect(listed.map((m) => m.content || m.status)).toEqual([LONG_REPLY, "pending", "second"]);
  });
});

describe("when a person takes over", () => {
  test("the reply being written stops and the messages sent meanwhile get no AI reply", async () => {
    const owner = await newOperator(t, SITE_KEY, "owner", "owner@demo.test");
    const first = await streamingReply();
    await send("Can a person help?", first.conversationId);
    await owner.as.mutation(api.inbox.takeOver, { conversationId: first.conversationId });
    await first.ended;
    await waitFor(
      () => shape(first.conversationId),
      (lines) => lines[1] === "ai:stopped",
    );

    expect(await shape(first.conversationId)).toEqual([`visitor:${LONG_REPLY}`, "ai:stopped", "visitor:Can a person help?", "system:done"]);
    // And a message to the person gets none either.
    expect(await send("Hello person", first.conversationId)).toMatchObject({ streamId: null });
    expect((await shape(first.conversationId)).filter((line) => line.startsWith("ai:"))).toEqual(["ai:stopped"]);
  });
});

describe("mergeVisitorTurns", () => {
  test("joins runs of visitor turns only, in order", () => {
    expect(
      mergeVisitorTurns([
        { role: "user", content: "a" },
        { role: "user", content: "b" },
        { role: "assistant", content: "c" },
        { role: "assistant", content: "d" },
        { role: "user", content: "e" },
      ]),
    ).toEqual([
      { role: "user", content: "a\n\nb" },
      { role: "assistant", content: "c" },
      { role: "assistant", content: "d" },
      { role: "user", content: "e" },
    ]);
  });
});
