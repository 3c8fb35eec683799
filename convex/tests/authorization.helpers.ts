// The world the authorization test attacks: an owner with data, a stranger, callers with broken
// identities, and the checks every attack shares (refused with the right code, nothing leaked,
// the owner's data untouched).
import { ConvexError } from "convex/values";
import { expect } from "vitest";
import { api } from "../_generated/api";
import type { Id } from "../_generated/dataModel";
import { CONVEX_DIR, functionModules, newConvexTest, type ChatTest } from "./convexTest.helpers";
import { newOperator, type Staff } from "./operators.helpers";
import { readChunks, streamRequest } from "./stream.helpers";
import { createSite, signInVisitor, SITE_KEY, type Visitor } from "./visitors.helpers";

/** The site whose operator attacks the owner's site ("operator of another site"). */
export const OTHER_SITE_KEY = "shop";

export const ORIGIN = "http://localhost:5173";
/** Text only the owner's data contains: seeing it anywhere else is a leak. */
export const SECRET = "owner-secret-7f3a9c";

export type World = {
  t: ChatTest;
  owner: Visitor;
  stranger: Visitor;
  /** Identities a forged or stale token could claim: a deleted user, a subject that is no user id. */
  deletedUser: ReturnType<ChatTest["withIdentity"]>;
  notAUser: ReturnType<ChatTest["withIdentity"]>;
  own: {
    conversationId: Id<"conversations">;
    /** A finished reply (text containing {@link SECRET}) and one still pending. */
    doneStreamId: string;
    pendingStreamId: string;
    userMessageId: Id<"messages">;
    clientMessageId: string;
  };
  /** Valid ids of other tables: right shape, wrong kind. */
  otherTableIds: string[];
  /**
   * The demo site's staff and a stranger to it: its owner (whose pending invitation and operators
   * are the targets), an agent (doing an owner's job) and the owner of another site.
   */
  staff: { owner: Staff; agent: Staff; foreign: Staff };
  site: {
    invitationId: Id<"invitations">;
    /** A pending invitation's code, for an email none of the attackers has. */
    inviteCode: string;
    ownerOperatorId: Id<"operators">;
    agentOperatorId: Id<"operators">;
  };
  /** A conversation on the other site, which the demo site's agent must not reach. */
  foreign: { conversationId: Id<"conversations">; streamId: string };
};

export async function buildWorld(): Promise<World> {
  const t = await newConvexTest();
  const owner = await signInVisitor(t);
  const stranger = await signInVisitor(t);
  const ghost = await signInVisitor(t);
  await t.run(async (ctx) => ctx.db.delete(ghost.userId));

  const clientMessageId = "owner-send-1";
  const first = await owner.as.mutation(api.chat.sendMessage, {
    siteKey: SITE_KEY,
    text: `Tell me about ${SECRET}`,
    clientMessageId,
  });
  const reply = await owner.as.fetch(`/chat-stream?site=${SITE_KEY}`, streamRequest(first.streamId!, ORIGIN));
  expect((await readChunks(reply)).join("")).toContain(SECRET);
  const second = await owner.as.mutation(api.chat.sendMessage, {
    siteKey: SITE_KEY,
    conversationId: first.conversationId,
    text: `And more about ${SECRET}`,
  });
  const siteId = await t.run(async (ctx) => (await ctx.db.query("sites").first())!._id);

  const staffOwner = await newOperator(t, SITE_KEY, "owner", "owner@demo.test");
  const agent = await newOperator(t, SITE_KEY, "agent", "agent@demo.test");
  await createSite(t, { key: OTHER_SITE_KEY, allowedOrigins: [ORIGIN] });
  const foreign = await newOperator(t, OTHER_SITE_KEY, "owner", "boss@shop.test");
  const shopVisitor = await signInVisitor(t, OTHER_SITE_KEY);
  const foreignSend = await shopVisitor.as.mutation(api.chat.sendMessage, { siteKey: OTHER_SITE_KEY, text: "a shop question" });
  const { code: inviteCode } = await staffOwner.as.mutation(api.invitations.create, {
    siteKey: SITE_KEY,
    email: "invitee@demo.test",
    role: "owner",
  });
  const [{ invitationId }] = await staffOwner.as.query(api.invitations.list, { siteKey: SITE_KEY });
  const operators = await staffOwner.as.query(api.operators.list, { siteKey: SITE_KEY });
  return {
    staff: { owner: staffOwner, agent, foreign },
    site: {
      invitationId,
      inviteCode,
      ownerOperatorId: operators.find((o) => o.role === "owner")!.operatorId,
      agentOperatorId: operators.find((o) => o.role === "agent")!.operatorId,
    },
    foreign: { conversationId: foreignSend.conversationId, streamId: foreignSend.streamId! },
    t,
    owner,
    stranger,
    deletedUser: t.withIdentity({ subject: `${ghost.userId}|session`, issuer: "https://some.convex.site" }),
    notAUser: t.withIdentity({ subject: "not-a-user-id|session", issuer: "https://some.convex.site" }),
    own: {
      conversationId: first.conversationId,
      doneStreamId: first.streamId!,
      pendingStreamId: second.streamId!,
      userMessageId: first.userMessageId,
      clientMessageId,
    },
    otherTableIds: [first.userMessageId, first.assistantMessageId!, owner.userId, siteId],
  };
}

/** Strings that are no id of anything, or ids of the wrong kind. */
export function forgedIds(w: World): string[] {
  return ["", " ", "null", "undefined", "0", "x".repeat(5_000), "'; DROP TABLE messages; --", "../../etc", "\u0000", ...w.otherTableIds];
}

/**
 * Everything the owner has, as stored (including the component's streams), and the site's settings,
 * operators and invitations, to prove nothing changed.
 */
export async function ownerSnapshot(w: World) {
  return await w.t.run(async (ctx) => {
    const conversations = await ctx.db
      .query("conversations")
      .withIndex("by_userId_and_siteId_and_updatedAt", (q) => q.eq("userId", w.owner.userId))
      .take(100);
    const messages = await ctx.db
      .query("messages")
      .withIndex("by_conversationId", (q) => q.eq("conversationId", w.own.conversationId))
      .take(100);
    const user = await ctx.db.get(w.owner.userId);
    const sessions = await ctx.db
      .query("authSessions")
      .withIndex("userId", (q) => q.eq("userId", w.owner.userId))
      .take(100);
    // The site's side: its settings, staff and invitations.
    const sites = await ctx.db.query("sites").take(10);
    const operators = await ctx.db.query("operators").take(100);
    const invitations = await ctx.db.query("invitations").take(100);
    return { conversations, messages, user, sessions, sites, operators, invitations };
  });
}

/** What a call must do: be refused with one of these codes (any error when none), or answer and pass `answers`. */
export type Expectation = { refused: string[] } | { answers: (result: any) => void; orRefused?: boolean };
export type Attack = { label: string; run: () => Promise<unknown>; expect: Expectation };

/** Runs one attack: the expected outcome, and none of the owner's data in the answer or error. */
export async function runAttack(w: World, attack: Attack): Promise<void> {
  const outcome = await attack.run().then(
    (result) => ({ ok: true as const, result }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  const where = `${attack.label}: `;
  if ("refused" in attack.expect) {
    if (outcome.ok) throw new Error(`${where}expected a refusal (${attack.expect.refused}), got ${JSON.stringify(outcome.result)}`);
    const data = outcome.error instanceof ConvexError ? (outcome.error.data as { code?: string }) : undefined;
    // No codes listed: any error will do (e.g. Convex Auth's own plain errors).
    if (attack.expect.refused.length > 0) {
      expect(data?.code, `${where}${String(outcome.error)}`).toBeOneOf(attack.expect.refused);
    }
  } else {
    if (!outcome.ok && !attack.expect.orRefused) throw new Error(`${where}expected an answer, got ${String(outcome.error)}`);
    if (outcome.ok) attack.expect.answers(outcome.result);
  }
  expectNoLeak(w, outcome.ok ? outcome.result : errorText(outcome.error), where);
}

function errorText(error: unknown): string {
  const data = error instanceof ConvexError ? JSON.stringify(error.data) : "";
  return `${data} ${error instanceof Error ? error.message : String(error)}`;
}

/** Fails when `value` carries the owner's secret text or any of the owner's ids. */
export function expectNoLeak(w: World, value: unknown, where = ""): void {
  const text = typeof value === "string" ? value : JSON.stringify(value ?? null);
  const ownerData = [SECRET, w.owner.userId, w.own.conversationId, w.own.userMessageId, w.own.doneStreamId];
  for (const secret of ownerData) {
    expect(text.includes(secret), `${where}leaks ${secret}: ${text.slice(0, 300)}`).toBe(false);
  }
}

/** `module:function` of every public query, mutation and action in convex/ (as the deployment exports them). */
export async function publicFunctionNames(): Promise<string[]> {
  const names: string[] = [];
  for (const [file, load] of Object.entries(functionModules(CONVEX_DIR))) {
    const relative = file.slice(CONVEX_DIR.length + 1).replace(/\\/g, "/");
    if (relative.startsWith("_generated/") || relative.startsWith("tests/")) continue;
    const module = relative.replace(/\.(ts|js)$/, "");
    for (const [name, value] of Object.entries(await load())) {
      const fn = value as { isPublic?: boolean; isQuery?: boolean; isMutation?: boolean; isAction?: boolean };
      if (fn?.isPublic && (fn.isQuery || fn.isMutation || fn.isAction)) names.push(`${module}:${name}`);
    }
  }
  return names.sort();
}

/** `METHOD path` of every route of convex/http.ts (prefix routes end in `*`). */
export async function httpRouteNames(): Promise<string[]> {
  const router = (await import("../http")).default;
  return router
    .getRoutes()
    .map(([path, method]) => `${method} ${path}`)
    .sort();
}
