// Email notifications of the handoff, on fake time (the schedule) and through the real email client
// against a loopback server speaking Resend's HTTP API.
import { afterEach, beforeEach, expect, test, vi } from "vitest";
import { api } from "../_generated/api";
import { sendEmail } from "../lib/emailClient";
import { newDesk, type Desk } from "./handoff.helpers";
import { startResendServer, type ResendServer } from "./resendServer.helpers";
import { setEnv } from "./stream.helpers";
import { SITE_KEY } from "./visitors.helpers";

const API_KEY = "re_test_key";
let desk: Desk;
let resend: ResendServer;
let restoreEnv: () => void;

beforeEach(async () => {
  resend = await startResendServer(API_KEY);
  restoreEnv = setEnv({
    OFFLINE_TOKEN_DELAY_MS: "0",
    OPENAI_API_KEY: undefined,
    RESEND_API_KEY: API_KEY,
    RESEND_BASE_URL: resend.baseUrl,
    EMAIL_FROM: undefined,
  });
  desk = await newDesk();
});
afterEach(async () => {
  vi.useRealTimers();
  restoreEnv();
  await resend.close();
});

const MINUTE = 60_000;
/** Moves the fake clock on and runs what came due, including the sends those schedule. */
async function advance(ms: number) {
  vi.advanceTimersByTime(ms);
  await desk.t.finishInProgressScheduledFunctions();
  vi.advanceTimersByTime(0);
  await desk.t.finishInProgressScheduledFunctions();
}
const askForPerson = async (conversationId?: string) =>
  (await desk.visitor.as.mutation(api.chat.requestHuman, { siteKey: SITE_KEY, ...(conversationId ? { conversationId } : {}) }))
    .conversationId;

test("a waiting conversation still unread after 3 minutes emails the site's operators once (30 min cooldown)", async () => {
  vi.useFakeTimers();
  const conversationId = await askForPerson();
  await advance(3 * MINUTE - 1_000);
  expect(resend.emails).toEqual([]);
  await advance(1_000);
  expect(resend.emails).toHaveLength(1);
  expect(resend.emails[0]).toMatchObject({
    to: ["owner@demo.test", "agent@demo.test"],
    subject: "[Local demo] A visitor is waiting for a person",
    from: "convex-chat <onboarding@resend.dev>",
    authorization: `Bearer ${API_KEY}`,
  });
  // Declined and asked for again within 30 minutes: no second email.
  await desk.owner.as.mutation(api.inbox.handBack, { conversationId });
  await askForPerson(conversationId);
  await advance(4 * MINUTE);
  expect(resend.emails).toHaveLength(1);
  // After the cooldown, a new wait emails again.
  await desk.owner.as.mutation(api.inbox.handBack, { conversationId });
  await advance(30 * MINUTE);
  await askForPerson(conversationId);
  await advance(3 * MINUTE);
  expect(resend.emails).toHaveLength(2);
});

test("no operators' email when an operator read it, took it over, or it stopped waiting in time", async () => {
  vi.useFakeTimers();
  const read = await askForPerson();
  const taken = (await desk.visitor.as.mutation(api.chat.sendMessage, { siteKey: SITE_KEY, text: "hi" })).conversationId;
  await askForPerson(taken);
  const declined = (await desk.visitor.as.mutation(api.chat.sendMessage, { siteKey: SITE_KEY, text: "hello" })).conversationId;
  await askForPerson(declined);
  await advance(MINUTE);
  await desk.agent.as.mutation(api.inbox.markRead, { conversationId: read });
  await desk.agent.as.mutation(api.inbox.takeOver, { conversationId: taken });
  await desk.agent.as.mutation(api.inbox.resolve, { conversationId: declined });
  await advance(10 * MINUTE);
  expect(resend.emails).toEqual([]);
});

test("an operator's reply the visitor has not seen in 20 minutes is emailed to their contact address", async () => {
  vi.useFakeTimers();
  const conversationId = await askForPerson();
  await desk.visitor.as.mutation(api.chat.setContactEmail, { conversationId, email: "ada@example.com" });
  await desk.agent.as.mutation(api.inbox.reply, { conversationId, text: "Your parcel left the warehouse." });
  await advance(MINUTE);
  await desk.agent.as.mutation(api.inbox.reply, { conversationId, text: "It arrives Friday." });
  await advance(19 * MINUTE);
  expect(resend.emails).toHaveLength(1);
  expect(resend.emails[0]).toMatchObject({ to: ["ada@example.com"], subject: "agent replied to you on Local demo" });
  expect(resend.emails[0].text).toContain("Your parcel left the warehouse.");
  // The second reply, written before that email went out, is not mailed again.
  await advance(5 * MINUTE);
  expect(resend.emails).toHaveLength(1);

  // A reply the visitor reads in time is not emailed.
  await desk.agent.as.mutation(api.inbox.reply, { conversationId, text: "Anything else?" });
  await advance(5 * MINUTE);
  await desk.visitor.as.mutation(api.chat.markRead, { conversationId });
  await advance(20 * MINUTE);
  expect(resend.emails).toHaveLength(1);
});

test("no visitor email without a contact address", async () => {
  vi.useFakeTimers();
  const conversationId = await askForPerson();
  await desk.agent.as.mutation(api.inbox.takeOver, { conversationId });
  await desk.agent.as.mutation(api.inbox.reply, { conversationId, text: "Hello?" });
  await advance(21 * MINUTE);
  expect(resend.emails).toEqual([]);
});

test("the email client: Resend's answer id, its refusals, and a log line without RESEND_API_KEY", async () => {
  const email = { to: ["a@example.com"], subject: "Hi", text: "Hello" };
  expect(
    await sendEmail(email, { RESEND_API_KEY: API_KEY, RESEND_BASE_URL: `${resend.baseUrl}/`, EMAIL_FROM: "Desk <desk@example.com>" }),
  ).toEqual({ sent: true, id: "email-1" });
  expect(resend.emails[0]).toMatchObject({ from: "Desk <desk@example.com>", to: ["a@example.com"], subject: "Hi", text: "Hello" });
  const refused = await sendEmail(email, { RESEND_API_KEY: "re_wrong", RESEND_BASE_URL: resend.baseUrl }).catch((e: Error) => e);
  expect(String(refused)).toContain("HTTP 401");
  expect(String(refused)).not.toContain("re_wrong");
  expect(await sendEmail(email, { RESEND_BASE_URL: resend.baseUrl })).toEqual({ sent: false, logged: true });
  expect(resend.emails).toHaveLength(1);
});
