// Test files share their worker (vitest.config.ts), so each one's convex-test instances are
// settled when it ends (fileIsolation.setup.ts): nothing they scheduled may run in the next file.
import { afterEach, beforeEach, expect, test } from "vitest";
import { api } from "../_generated/api";
import { newConvexTest, settleOpenConvexTests, type ChatTest } from "./convexTest.helpers";
import { readChunks, setEnv, streamRequest, waitFor } from "./stream.helpers";
import { lastMessage, signInVisitor, SITE_KEY } from "./visitors.helpers";

const ORIGIN = "http://localhost:5173";
let restoreEnv: () => void;
beforeEach(() => {
  // The server drives a reply nobody POSTs for after 200 ms; the offline responder types fast.
  restoreEnv = setEnv({ OFFLINE_TOKEN_DELAY_MS: "20", OPENAI_API_KEY: undefined, SERVER_DRIVE_DELAY_MS: "200" });
});
afterEach(() => restoreEnv());

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function scheduledStates(t: ChatTest) {
  const jobs = await t.run(async (ctx) => await ctx.db.system.query("_scheduled_functions").collect());
  return jobs.map((job) => job.state.kind);
}

/** A visitor the server drives replies for (seen on an allowed page), and a second message sent. */
async function sendServerDrivenMessage(text: string) {
  const t = await newConvexTest();
  const visitor = await signInVisitor(t);
  const first = await visitor.as.mutation(api.chat.sendMessage, { siteKey: SITE_KEY, text: "reply with 10 characters" });
  await readChunks(await visitor.as.fetch(`/chat-stream?site=${SITE_KEY}`, streamRequest(first.streamId!, ORIGIN)));
  await visitor.as.mutation(api.chat.sendMessage, { siteKey: SITE_KEY, conversationId: first.conversationId, text });
  return { t, reply: () => lastMessage(visitor, first.conversationId) };
}

test("what an instance scheduled is canceled when its file ends: a pending reply stays pending", async () => {
  const { t, reply } = await sendServerDrivenMessage("reply with 10 characters");
  expect(await scheduledStates(t)).toContain("pending");

  await settleOpenConvexTests();
  await sleep(500); // past the server's turn to drive it
  expect(await reply()).toMatchObject({ status: "pending" });
  expect(await scheduledStates(t)).not.toContain("pending");
});

test("a function already running is waited for, and what it schedules is canceled", async () => {
  const { t, reply } = await sendServerDrivenMessage("reply with 200 characters");
  await waitFor(reply, (message) => message.status === "streaming", 10_000);

  await settleOpenConvexTests();
  expect(await reply()).toMatchObject({ status: "done" });
  const states = await scheduledStates(t);
  expect(states).not.toContain("pending");
  expect(states).not.toContain("inProgress");
  expect(states).toContain("canceled"); // the watchdog the generation scheduled
});
