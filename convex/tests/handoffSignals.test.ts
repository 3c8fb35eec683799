// Typing marks (expiry and server-side throttle, cleared on send) and presence (operators'
// heartbeats, the visitor on the page), with a fake clock: only Date is faked, so convex-test's
// own timers still run.
import { afterEach, beforeEach, expect, test, vi } from "vitest";
import { api } from "../_generated/api";
import { newDesk, type Desk } from "./handoff.helpers";
import { setEnv } from "./stream.helpers";
import { SITE_KEY } from "./visitors.helpers";

let desk: Desk;
let restoreEnv: () => void;
let conversationId: string;
const T0 = Date.UTC(2030, 0, 1, 12, 0, 0);

beforeEach(async () => {
  restoreEnv = setEnv({ OFFLINE_TOKEN_DELAY_MS: "0", OPENAI_API_KEY: undefined });
  desk = await newDesk();
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(T0);
  ({ conversationId } = await desk.visitor.as.mutation(api.chat.requestHuman, { siteKey: SITE_KEY }));
});
afterEach(() => {
  vi.useRealTimers();
  restoreEnv();
});

const at = (ms: number) => vi.setSystemTime(T0 + ms);
const activity = () => desk.owner.as.query(api.inbox.visitorActivity, { conversationId });
const state = () => desk.visitor.as.query(api.chat.conversationState, { conversationId });
/** The signals document as stored (to see that a throttled call wrote nothing). */
const signalsDoc = () => desk.t.run((ctx) => ctx.db.query("conversationSignals").first());

test("the visitor's typing mark lasts 5 s, is rewritten at most once per ~2 s, and is cleared by sending", async () => {
  await desk.visitor.as.mutation(api.chat.setTyping, { conversationId, typing: true });
  expect((await activity()).typingUntil).toBe(T0 + 5_000);
  at(1_500); // more than 3 s left: no write
  await desk.visitor.as.mutation(api.chat.setTyping, { conversationId, typing: true });
  expect((await signalsDoc())?.visitorTypingUntil).toBe(T0 + 5_000);
  at(2_500); // 2.5 s left: rewritten
  await desk.visitor.as.mutation(api.chat.setTyping, { conversationId, typing: true });
  expect((await activity()).typingUntil).toBe(T0 + 7_500);
  at(7_501); // nobody cleared it: expired all the same
  expect((await activity()).typingUntil).toBeUndefined();

  await desk.visitor.as.mutation(api.chat.setTyping, { conversationId, typing: true });
  expect((await activity()).typingUntil).toBe(T0 + 12_501);
  await desk.visitor.as.mutation(api.chat.sendMessage, { siteKey: SITE_KEY, conversationId, text: "here is my question" });
  expect((await activity()).typingUntil).toBeUndefined();
  await desk.visitor.as.mutation(api.chat.setTyping, { conversationId, typing: true });
  await desk.visitor.as.mutation(api.chat.setTyping, { conversationId, typing: false });
  expect((await activity()).typingUntil).toBeUndefined();
});

test("the operator's typing mark shows their name to the visitor, expires, and is cleared by their reply", async () => {
  await desk.agent.as.mutation(api.inbox.setTyping, { conversationId, typing: true });
  expect(await state()).toMatchObject({ operatorTypingUntil: T0 + 5_000, operatorTypingName: "agent" });
  at(5_001);
  const expired = await state();
  expect(expired.operatorTypingUntil).toBeUndefined();
  expect(expired.operatorTypingName).toBeUndefined();
  await desk.agent.as.mutation(api.inbox.setTyping, { conversationId, typing: true });
  // Another operator typing replaces the name at once, whatever the throttle.
  at(5_100);
  await desk.owner.as.mutation(api.inbox.setTyping, { conversationId, typing: true });
  expect(await state()).toMatchObject({ operatorTypingUntil: T0 + 10_100, operatorTypingName: "owner" });
  await desk.owner.as.mutation(api.inbox.reply, { conversationId, text: "Hello!" });
  expect((await state()).operatorTypingUntil).toBeUndefined();
});

test("operators are online for 60 s after a heartbeat unless away; the visitor's page likewise", async () => {
  expect(await state()).toMatchObject({ operatorsOnline: false });
  await desk.agent.as.mutation(api.inbox.heartbeat, { siteKey: SITE_KEY });
  expect(await state()).toMatchObject({ operatorsOnline: true, operatorsOnlineUntil: T0 + 60_000 });
  at(10_000);
  await desk.agent.as.mutation(api.inbox.heartbeat, { siteKey: SITE_KEY }); // within 20 s: no write
  expect((await state()).operatorsOnlineUntil).toBe(T0 + 60_000);
  await desk.agent.as.mutation(api.inbox.heartbeat, { siteKey: SITE_KEY, away: true }); // away is written at once
  expect(await state()).toMatchObject({ operatorsOnline: false });
  await desk.owner.as.mutation(api.inbox.heartbeat, { siteKey: SITE_KEY });
  expect(await state()).toMatchObject({ operatorsOnline: true, operatorsOnlineUntil: T0 + 70_000 });
  at(70_001);
  expect(await state()).toMatchObject({ operatorsOnline: false });

  expect(await activity()).toMatchObject({ onPage: false });
  await desk.visitor.as.mutation(api.chat.heartbeat, { conversationId });
  expect(await activity()).toMatchObject({ onPage: true, lastSeenAt: T0 + 70_001, onPageUntil: T0 + 130_001 });
  at(130_002);
  expect(await activity()).toMatchObject({ onPage: false });
});

test("the contact email is validated, stored lower case, and removable", async () => {
  for (const bad of ["not-an-email", "a@b", `${"x".repeat(250)}@example.com`, "two words@example.com"]) {
    const error = await desk.visitor.as.mutation(api.chat.setContactEmail, { conversationId, email: bad }).catch((e) => e);
    expect(error.data).toMatchObject({ code: "INVALID_ARGUMENT", field: "email" });
  }
  expect((await state()).contactEmail).toBeUndefined();
  await desk.visitor.as.mutation(api.chat.setContactEmail, { conversationId, email: " Ada@Example.COM " });
  expect((await state()).contactEmail).toBe("ada@example.com");
  expect(await desk.owner.as.query(api.inbox.getConversation, { conversationId })).toMatchObject({ contactEmail: "ada@example.com" });
  await desk.visitor.as.mutation(api.chat.setContactEmail, { conversationId, email: "" });
  expect((await state()).contactEmail).toBeUndefined();
});
