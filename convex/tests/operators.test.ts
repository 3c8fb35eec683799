import { beforeEach, describe, expect, test } from "vitest";
import { api, internal } from "../_generated/api";
import { newConvexTest, type ChatTest } from "./convexTest.helpers";
import { newOperator, PASSWORD, signInStaff } from "./operators.helpers";
import { SITE_KEY } from "./visitors.helpers";

let t: ChatTest;
beforeEach(async () => {
  t = await newConvexTest();
  await t.mutation(internal.sites.ensureDemoSite, {});
});

describe("createOwner and the password provider", () => {
  test("creates the account and the owner; the owner signs in with the password and sees the site", async () => {
    const started = performance.now();
    await t.action(internal.operators.createOwner, { siteKey: SITE_KEY, email: "Owner@Demo.test", password: PASSWORD, displayName: "Demo Owner" });
    const owner = await signInStaff(t, "owner@demo.test");
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(await owner.as.query(api.inbox.mySites, {})).toEqual([{ siteKey: SITE_KEY, name: "Local demo", role: "owner" }]);
    const user = await t.run(async (ctx) => ctx.db.get(owner.userId));
    expect(user).toMatchObject({ email: "owner@demo.test", name: "Demo Owner" });
    expect(user).not.toHaveProperty("siteId");
  });
});
