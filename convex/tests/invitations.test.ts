// Invitations: created by owners (or operators:invite), one-time, 7-day, stored hashed, bound to
// the invited email; redeeming one makes a password user an operator.
import { beforeEach, describe, expect, test } from "vitest";
import { api, internal } from "../_generated/api";
import { hashCode, INVITATION_LIFETIME_MS } from "../lib/invitations";
import { newConvexTest, type ChatTest } from "./convexTest.helpers";
import { newOperator, signInStaff, type Staff } from "./operators.helpers";
import { createSite, signInVisitor, SITE_KEY } from "./visitors.helpers";

let t: ChatTest;
let owner: Staff;
beforeEach(async () => {
  t = await newConvexTest();
  await t.mutation(internal.sites.ensureDemoSite, {});
  owner = await newOperator(t, SITE_KEY, "owner", "owner@demo.test");
});

const code = (c: string) => ({ data: expect.objectContaining({ code: c }) });

test("an owner's invitation: code shown once and stored hashed, listed until redeemed, redeemed once by the invited email", async () => {
  const before = Date.now();
  const invitation = await owner.as.mutation(api.invitations.create, { siteKey: SITE_KEY, email: "  New.Agent@Demo.test ", role: "agent" });
  expect(invitation.code).toMatch(/^[A-Za-z0-9_-]{43}$/);
  expect(invitation.expiresAt).toBeGreaterThanOrEqual(before + INVITATION_LIFETIME_MS);
  const stored = await t.run(async (ctx) => ctx.db.query("invitations").collect());
  expect(stored).toHaveLength(1);
  expect(stored[0]).toMatchObject({
    email: "new.agent@demo.test",
    role: "agent",
    createdBy: owner.userId,
    codeHash: await hashCode(invitation.code),
  });
  expect(JSON.stringify(stored)).not.toContain(invitation.code);
  const listed = await owner.as.query(api.invitations.list, { siteKey: SITE_KEY });
  expect(listed).toEqual([
    {
      invitationId: stored[0]._id,
      email: "new.agent@demo.test",
      role: "agent",
      createdAt: stored[0]._creationTime,
      expiresAt: invitation.expiresAt,
    },
  ]);
  expect(JSON.stringify(listed)).not.toContain(invitation.code);

  // The invitee signs up with the email in another case and redeems it.
  const invitee = await signInStaff(t, "new.agent@DEMO.test", "signUp");
  expect(await invitee.as.mutation(api.invitations.redeem, { code: invitation.code })).toEqual({ siteKey: SITE_KEY, role: "agent" });
  expect(await invitee.as.query(api.inbox.mySites, {})).toEqual([{ siteKey: SITE_KEY, name: "Local demo", role: "agent" }]);
  expect(await owner.as.query(api.invitations.list, { siteKey: SITE_KEY })).toEqual([]);
  // One time only, even for the same person.
  await expect(invitee.as.mutation(api.invitations.redeem, { code: invitation.code })).rejects.toMatchObject(code("INVITATION_INVALID"));
});

test("redeem refuses unknown, expired, used and other-email codes, and visitors, writing nothing", async () => {
  const invitee = await signInStaff(t, "agent@demo.test", "signUp");
  const other = await signInStaff(t, "other@demo.test", "signUp");
  const { code: good } = await owner.as.mutation(api.invitations.create, { siteKey: SITE_KEY, email: "agent@demo.test", role: "agent" });
  const { code: expired } = await t.mutation(internal.operators.invite, { siteKey: SITE_KEY, email: "agent@demo.test", role: "owner" });
  await t.run(async (ctx) => {
    const hash = await hashCode(expired);
    const invitation = (await ctx.db
      .query("invitations")
      .withIndex("by_codeHash", (q) => q.eq("codeHash", hash))
      .unique())!;
    await ctx.db.patch(invitation._id, { expiresAt: Date.now() - 1 });
  });
  for (const bad of ["", "nope", good.slice(0, -1), good + "x", "x".repeat(10_000), expired]) {
    await expect(invitee.as.mutation(api.invitations.redeem, { code: bad })).rejects.toMatchObject(code("INVITATION_INVALID"));
  }
  await expect(other.as.mutation(api.invitations.redeem, { code: good })).rejects.toMatchObject({
    data: { code: "INVITATION_INVALID", message: expect.stringMatching(/another email/) },
  });
  const visitor = await signInVisitor(t);
  await expect(visitor.as.mutation(api.invitations.redeem, { code: good })).rejects.toMatchObject(code("FORBIDDEN"));
  await expect(t.mutation(api.invitations.redeem, { code: good })).rejects.toMatchObject(code("UNAUTHENTICATED"));
  expect(await t.run(async (ctx) => (await ctx.db.query("operators").collect()).length)).toBe(1);
  // Still pending: the refusals used nothing up.
  expect(await invitee.as.mutation(api.invitations.redeem, { code: good })).toEqual({ siteKey: SITE_KEY, role: "agent" });
});

test("an owner invited again as an agent stays an owner", async () => {
  await createSite(t, { key: "shop" });
  const { code: invite } = await owner.as.mutation(api.invitations.create, { siteKey: SITE_KEY, email: "owner@demo.test", role: "agent" });
  expect(await owner.as.mutation(api.invitations.redeem, { code: invite })).toEqual({ siteKey: SITE_KEY, role: "owner" });
  expect(await owner.as.query(api.inbox.mySites, {})).toEqual([{ siteKey: SITE_KEY, name: "Local demo", role: "owner" }]);
});

describe("create, list and revoke are for the site's owners", () => {
  let agent: Staff;
  let foreignOwner: Staff;
  beforeEach(async () => {
    agent = await newOperator(t, SITE_KEY, "agent", "agent@demo.test");
    await createSite(t, { key: "shop" });
    foreignOwner = await newOperator(t, "shop", "owner", "boss@shop.test");
  });

  test("agents get FORBIDDEN, other sites' owners NOT_FOUND, bad emails INVALID_ARGUMENT", async () => {
    const args = { siteKey: SITE_KEY, email: "x@demo.test", role: "agent" as const };
    await expect(agent.as.mutation(api.invitations.create, args)).rejects.toMatchObject(code("FORBIDDEN"));
    await expect(agent.as.query(api.invitations.list, { siteKey: SITE_KEY })).rejects.toMatchObject(code("FORBIDDEN"));
    await expect(foreignOwner.as.mutation(api.invitations.create, args)).rejects.toMatchObject(code("NOT_FOUND"));
    await expect(foreignOwner.as.query(api.invitations.list, { siteKey: SITE_KEY })).rejects.toMatchObject(code("NOT_FOUND"));
    await expect(owner.as.mutation(api.invitations.create, { ...args, email: "not-an-email" })).rejects.toMatchObject({
      data: { code: "INVALID_ARGUMENT", field: "email" },
    });
    expect(await t.run(async (ctx) => (await ctx.db.query("invitations").collect()).length)).toBe(1); // the agent's own, redeemed
  });

  test("revoke: the code stops working; agents, foreign owners and bad ids are refused", async () => {
    const { code: invite } = await owner.as.mutation(api.invitations.create, { siteKey: SITE_KEY, email: "new@demo.test", role: "agent" });
    const [{ invitationId }] = await owner.as.query(api.invitations.list, { siteKey: SITE_KEY });
    await expect(agent.as.mutation(api.invitations.revoke, { invitationId })).rejects.toMatchObject(code("FORBIDDEN"));
    await expect(foreignOwner.as.mutation(api.invitations.revoke, { invitationId })).rejects.toMatchObject(code("NOT_FOUND"));
    for (const bad of ["", "nope", owner.userId]) {
      await expect(owner.as.mutation(api.invitations.revoke, { invitationId: bad })).rejects.toMatchObject(code("NOT_FOUND"));
    }
    await owner.as.mutation(api.invitations.revoke, { invitationId });
    expect(await owner.as.query(api.invitations.list, { siteKey: SITE_KEY })).toEqual([]);
    const invitee = await signInStaff(t, "new@demo.test", "signUp");
    await expect(invitee.as.mutation(api.invitations.redeem, { code: invite })).rejects.toMatchObject(code("INVITATION_INVALID"));
  });
});
