// Signing out deletes the Convex Auth session; the JWT (valid for up to an hour more) must stop
// working at once: every public function (lib/authed.ts) and the stream route check the session.
import { afterEach, beforeEach, expect, test } from "vitest";
import { api, internal } from "../_generated/api";
import { newConvexTest, type ChatTest } from "./convexTest.helpers";
import { refusal } from "./limits.helpers";
import { newOperator, signInStaff } from "./operators.helpers";
import { readChunks, setEnv, streamRequest } from "./stream.helpers";
import { signInVisitor, SITE_KEY } from "./visitors.helpers";

const ORIGIN = "http://localhost:5173";
let t: ChatTest;
let restoreEnv: () => void;

beforeEach(async () => {
  restoreEnv = setEnv({ OFFLINE_TOKEN_DELAY_MS: "0", OPENAI_API_KEY: undefined });
  t = await newConvexTest();
});
afterEach(() => restoreEnv());

test("a visitor's token is refused everywhere after signOut, though it has not expired", async () => {
  const visitor = await signInVisitor(t);
  const first = await visitor.as.mutation(api.chat.sendMessage, { siteKey: SITE_KEY, text: "hello" });
  await readChunks(await visitor.as.fetch(`/chat-stream?site=${SITE_KEY}`, streamRequest(first.streamId!, ORIGIN)));
  const second = await visitor.as.mutation(api.chat.sendMessage, {
    siteKey: SITE_KEY,
    conversationId: first.conversationId,
    text: "again",
  });

  await visitor.as.action(api.auth.signOut, {});

  for (const call of [
    visitor.as.query(api.chat.listConversations, { siteKey: SITE_KEY }),
    visitor.as.query(api.chat.listMessages, { conversationId: first.conversationId }),
    visitor.as.query(api.chat.getStreamBody, { streamId: first.streamId! }),
    visitor.as.mutation(api.chat.sendMessage, { siteKey: SITE_KEY, text: "after sign-out" }),
    visitor.as.mutation(api.chat.stopReply, { streamId: second.streamId! }),
  ]) {
    expect((await refusal(call)).code).toBe("UNAUTHENTICATED");
  }
  const response = await visitor.as.fetch(`/chat-stream?site=${SITE_KEY}`, streamRequest(second.streamId!, ORIGIN));
  expect(response.status).toBe(401);
  expect((await response.json()).error.code).toBe("UNAUTHENTICATED");
  // And the refresh token is gone with the session.
  const refreshed = await t.action(api.auth.signIn, { refreshToken: visitor.refreshToken });
  expect(refreshed.tokens).toBeNull();
});

test("another session of the same user keeps working when one signs out", async () => {
  await t.mutation(internal.sites.ensureDemoSite, {});
  const owner = await newOperator(t, SITE_KEY, "owner", "owner@revoke.test");
  const laptop = await signInStaff(t, "owner@revoke.test"); // a second session
  expect(await owner.as.query(api.inbox.mySites, {})).toHaveLength(1);

  await owner.as.action(api.auth.signOut, {});
  expect((await refusal(owner.as.query(api.inbox.mySites, {}))).code).toBe("UNAUTHENTICATED");
  expect(await laptop.as.query(api.inbox.mySites, {})).toHaveLength(1);
});
