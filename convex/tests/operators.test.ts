// Site staff: the password provider, the first owner (operators:createOwner), operators:list and
// operators:remove. Visitors and signed-identity customers are never operators.
import { beforeEach, describe, expect, test } from "vitest";
import { api, internal } from "../_generated/api";
import { newConvexTest, type ChatTest } from "./convexTest.helpers";
import { newOperator, PASSWORD, signInStaff } from "./operators.helpers";
import { createSite, signInVisitor, SITE_KEY } from "./visitors.helpers";

let t: ChatTest;
beforeEach(async () => {
  t = await newConvexTest();
  await t.mutation(internal.sites.ensureDemoSite, {});
});

const code = (c: string) => ({ data: expect.objectContaining({ code: c }) });

describe("the password provider and createOwner", () => {
  test("createOwner makes the account and the owner; the owner signs in with the password, case-insensitively", async () => {
    const started = performance.now();
    await t.action(internal.operators.createOwner, {
      siteKey: SITE_KEY,
      email: "Owner@Demo.test",
      password: PASSWORD,
      displayName: "Demo Owner",
    });
    const owner = await signInStaff(t, " OWNER@demo.test");
    // Scrypt in JS: a hash and a check, well within a sign-in's budget.
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(await owner.as.query(api.inbox.mySites, {})).toEqual([{ siteKey: SITE_KEY, name: "Local demo", role: "owner" }]);
    const user = await t.run(async (ctx) => ctx.db.get(owner.userId));
    expect(user).toMatchObject({ email: "owner@demo.test", name: "Demo Owner" });
    expect(user).not.toHaveProperty("siteId");
    await expect(signInStaff(t, "owner@demo.test", "signIn", "wrong password")).rejects.toThrow();
  });

  test("createOwner is idempotent with the same password, refuses another one, and needs an account or a password", async () => {
    const args = { siteKey: SITE_KEY, email: "owner@demo.test", password: PASSWORD };
    const first = await t.action(internal.operators.createOwner, args);
    expect(await t.action(internal.operators.createOwner, args)).toEqual(first);
    await expect(t.action(internal.operators.createOwner, { ...args, password: "another password" })).rejects.toThrow(/already exists/);
    await expect(t.action(internal.operators.createOwner, { siteKey: SITE_KEY, email: "nobody@demo.test" })).rejects.toThrow(
      /No password account/,
    );
    await expect(t.action(internal.operators.createOwner, { ...args, siteKey: "nope" })).rejects.toThrow(/No site/);
    await expect(t.action(internal.operators.createOwner, { ...args, email: "not an email" })).rejects.toMatchObject({
      data: { field: "email" },
    });
    // Without a password, an existing account is made owner of another site too.
    await createSite(t, { key: "shop" });
    await t.action(internal.operators.createOwner, { siteKey: "shop", email: "OWNER@demo.test" });
    const owner = await signInStaff(t, "owner@demo.test");
    expect((await owner.as.query(api.inbox.mySites, {})).map((s) => s.siteKey).sort()).toEqual([SITE_KEY, "shop"]);
    expect(await t.run(async (ctx) => (await ctx.db.query("operators").take(10)).length)).toBe(2);
  });

  test("sign-up refuses a short password and a malformed email with the field; a client's siteId never reaches the user", async () => {
    const signUp = (params: Record<string, unknown>) =>
      t.action(api.auth.signIn, { provider: "password", params: { flow: "signUp", ...params } });
    await expect(signUp({ email: "a@b.test", password: "short" })).rejects.toMatchObject({
      data: { code: "INVALID_ARGUMENT", field: "password" },
    });
    await expect(signUp({ email: "nope", password: PASSWORD })).rejects.toMatchObject({
      data: { code: "INVALID_ARGUMENT", field: "email" },
    });
    const siteId = await t.run(async (ctx) => (await ctx.db.query("sites").first())!._id);
    await signUp({ email: "sneaky@b.test", password: PASSWORD, siteId, isAnonymous: true });
    const staff = await signInStaff(t, "sneaky@b.test");
    const user = await t.run(async (ctx) => ctx.db.get(staff.userId));
    expect(user).not.toHaveProperty("siteId");
    expect(user).not.toHaveProperty("isAnonymous");
    expect(await staff.as.query(api.inbox.mySites, {})).toEqual([]);
  });

  test("a password user can never act as a visitor of a site", async () => {
    const owner = await newOperator(t, SITE_KEY, "owner", "owner@demo.test");
    await expect(owner.as.mutation(api.chat.sendMessage, { siteKey: SITE_KEY, text: "hi" })).rejects.toMatchObject(code("SITE_MISMATCH"));
    await expect(owner.as.query(api.chat.listConversations, { siteKey: SITE_KEY })).rejects.toMatchObject(code("SITE_MISMATCH"));
  });

  test("visitors are never operators, whatever rows exist", async () => {
    const visitor = await signInVisitor(t);
    await expect(t.mutation(internal.operators.makeOwner, { siteKey: SITE_KEY, userId: visitor.userId })).rejects.toThrow(/Visitors/);
    // Even a row written behind the functions' back grants nothing.
    const siteId = await t.run(async (ctx) => (await ctx.db.query("sites").first())!._id);
    await t.run(async (ctx) => ctx.db.insert("operators", { userId: visitor.userId, siteId, role: "owner", displayName: "x" }));
    await expect(visitor.as.query(api.siteSettings.get, { siteKey: SITE_KEY })).rejects.toMatchObject(code("NOT_FOUND"));
    await expect(
      visitor.as.query(api.inbox.listConversations, { siteKey: SITE_KEY, filter: "all", paginationOpts: { numItems: 5, cursor: null } }),
    ).rejects.toMatchObject(code("NOT_FOUND"));
  });
});

describe("operators:list and operators:remove", () => {
  test("owners list the site's operators; agents and strangers cannot", async () => {
    const owner = await newOperator(t, SITE_KEY, "owner", "owner@demo.test");
    const agent = await newOperator(t, SITE_KEY, "agent", "agent@demo.test");
    const list = await owner.as.query(api.operators.list, { siteKey: SITE_KEY });
    expect(
      list.map(({ email, role, isMe, displayName }) => ({ email, role, isMe, displayName })).sort((a, b) => a.email.localeCompare(b.email)),
    ).toEqual([
      { email: "agent@demo.test", role: "agent", isMe: false, displayName: "agent" },
      { email: "owner@demo.test", role: "owner", isMe: true, displayName: "owner" },
    ]);
    await expect(agent.as.query(api.operators.list, { siteKey: SITE_KEY })).rejects.toMatchObject(code("FORBIDDEN"));
    await expect(owner.as.query(api.operators.list, { siteKey: "nope" })).rejects.toMatchObject(code("NOT_FOUND"));
    await expect(t.query(api.operators.list, { siteKey: SITE_KEY })).rejects.toMatchObject(code("UNAUTHENTICATED"));
  });

  test("remove: an owner removes an agent; the last owner stays; agents, foreign owners and bad ids are refused", async () => {
    const owner = await newOperator(t, SITE_KEY, "owner", "owner@demo.test");
    const agent = await newOperator(t, SITE_KEY, "agent", "agent@demo.test");
    await createSite(t, { key: "shop" });
    const foreignOwner = await newOperator(t, "shop", "owner", "boss@shop.test");
    const rows = await owner.as.query(api.operators.list, { siteKey: SITE_KEY });
    const ownerRow = rows.find((r) => r.isMe)!;
    const agentRow = rows.find((r) => !r.isMe)!;

    await expect(agent.as.mutation(api.operators.remove, { operatorId: ownerRow.operatorId })).rejects.toMatchObject(code("FORBIDDEN"));
    await expect(foreignOwner.as.mutation(api.operators.remove, { operatorId: agentRow.operatorId })).rejects.toMatchObject(
      code("NOT_FOUND"),
    );
    for (const bad of ["", "nope", owner.userId]) {
      await expect(owner.as.mutation(api.operators.remove, { operatorId: bad })).rejects.toMatchObject(code("NOT_FOUND"));
    }
    await expect(owner.as.mutation(api.operators.remove, { operatorId: ownerRow.operatorId })).rejects.toMatchObject(code("LAST_OWNER"));
    expect(await owner.as.query(api.operators.list, { siteKey: SITE_KEY })).toHaveLength(2);

    await owner.as.mutation(api.operators.remove, { operatorId: agentRow.operatorId });
    expect(await agent.as.query(api.inbox.mySites, {})).toEqual([]);
    await expect(
      agent.as.query(api.inbox.listConversations, { siteKey: SITE_KEY, filter: "all", paginationOpts: { numItems: 5, cursor: null } }),
    ).rejects.toMatchObject(code("NOT_FOUND"));

    // With a second owner, an owner may leave.
    await t.action(internal.operators.createOwner, { siteKey: SITE_KEY, email: "boss@shop.test" });
    await owner.as.mutation(api.operators.remove, { operatorId: ownerRow.operatorId });
    expect((await foreignOwner.as.query(api.inbox.mySites, {})).map((s) => s.siteKey).sort()).toEqual([SITE_KEY, "shop"]);
  });
});
