// Limits on Convex Auth's own writes (lib/authLimits.ts): refreshes per session, sessions per
// signed customer, failed signatures per site, staff sign-ups per deployment. Time moves with a
// fake clock (Date only), never waited for.
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { api } from "../_generated/api";
import { newConvexTest, type ChatTest } from "./convexTest.helpers";
import { expectRateLimited, refusal } from "./limits.helpers";
import { setEnv } from "./stream.helpers";
import { signIdentity } from "../lib/hostIdentity";
import { signOperator } from "../lib/operatorIdentity";
import { createSite, signInVisitor } from "./visitors.helpers";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
let t: ChatTest;
let restoreEnv: () => void;

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ["Date"], shouldAdvanceTime: true });
  restoreEnv = setEnv({ SESSION_REFRESHES_PER_HOUR: "3", PASSWORD_SIGN_UPS_PER_MINUTE: "2", STAFF_SESSIONS_PER_HOUR: "3" });
  t = await newConvexTest();
});
afterEach(() => {
  restoreEnv();
  vi.useRealTimers();
});

function later(ms: number) {
  vi.setSystemTime(Date.now() + ms);
}

/** Every refresh token document there is (each refresh adds one). */
async function refreshTokenCount(): Promise<number> {
  return await t.run(async (ctx) => (await ctx.db.query("authRefreshTokens").take(1_000)).length);
}

describe("refreshes per session", () => {
  test("a refresh chain is refused past the session's rate, writing nothing and keeping the token usable", async () => {
    const visitor = await signInVisitor(t);
    let refreshToken = visitor.refreshToken;
    for (let i = 0; i < 3; i++) {
      const refreshed = await t.action(api.auth.signIn, { refreshToken });
      refreshToken = refreshed.tokens!.refreshToken;
    }
    const before = await refreshTokenCount();
    // Three an hour: the next one is 20 minutes away.
    await expectRateLimited(t.action(api.auth.signIn, { refreshToken }), 20 * MINUTE);
    expect(await refreshTokenCount()).toBe(before);

    // Another session is not held back by this one's.
    const other = await signInVisitor(t);
    expect((await t.action(api.auth.signIn, { refreshToken: other.refreshToken })).tokens?.token).toMatch(/^ey/);

    // The refused token was not spent: once the bucket refills it still refreshes.
    later(20 * MINUTE);
    expect((await t.action(api.auth.signIn, { refreshToken })).tokens?.token).toMatch(/^ey/);
  });

  test("made-up refresh tokens are counted against no session: each is answered null, never RATE_LIMITED", async () => {
    const visitor = await signInVisitor(t);
    // A token id of a real session with a made-up session: keyed by the text, the 4th would be refused.
    const forged = `${visitor.refreshToken.split("|")[0]}|made-up-session`;
    for (let i = 0; i < 5; i++) expect((await t.action(api.auth.signIn, { refreshToken: forged })).tokens).toBeNull();
  });
});

/** Every session there is. */
async function sessionCount(): Promise<number> {
  return await t.run(async (ctx) => (await ctx.db.query("authSessions").take(1_000)).length);
}

const SECRET = "0123456789abcdef".repeat(4);

async function signedIn(siteKey: string, customerId: string, signature?: string) {
  const expiresAt = Date.now() + HOUR;
  const params = {
    siteKey,
    customerId,
    expiresAt,
    signature: signature ?? (await signIdentity(SECRET, { siteKey, customerId, expiresAt })),
  };
  return t.action(api.auth.signIn, { provider: "host-identity", params });
}

describe("sessions per signed customer", () => {
  test("one site and customer opens at most the site's sessions per hour; other customers and sites are not held back", async () => {
    await createSite(t, { key: "shop", identitySecret: SECRET, limits: { customerSessionsPerHour: 2 } });
    await createSite(t, { key: "mall", identitySecret: SECRET, limits: { customerSessionsPerHour: 2 } });
    await signedIn("shop", "customer-1");
    await signedIn("shop", "customer-1");
    const before = await sessionCount();
    await expectRateLimited(signedIn("shop", "customer-1"), 30 * MINUTE);
    expect(await sessionCount()).toBe(before);

    expect((await signedIn("shop", "customer-2")).tokens?.token).toMatch(/^ey/);
    expect((await signedIn("mall", "customer-1")).tokens?.token).toMatch(/^ey/);
    later(30 * MINUTE);
    expect((await signedIn("shop", "customer-1")).tokens?.token).toMatch(/^ey/);
  });

  test("a staff member's password sign-ins open at most STAFF_SESSIONS_PER_HOUR sessions", async () => {
    const params = { email: "owner@shop.example", password: "correct horse battery" };
    await t.action(api.auth.signIn, { provider: "password", params: { ...params, flow: "signUp" } });
    await t.action(api.auth.signIn, { provider: "password", params: { ...params, flow: "signIn" } });
    await t.action(api.auth.signIn, { provider: "password", params: { ...params, flow: "signIn" } });
    await expectRateLimited(t.action(api.auth.signIn, { provider: "password", params: { ...params, flow: "signIn" } }), 20 * MINUTE);
  });
});

describe("staff password sign-ups", () => {
  const signUp = (email: string) =>
    t.action(api.auth.signIn, { provider: "password", params: { email, password: "correct horse battery", flow: "signUp" } });
  const userCount = async () => await t.run(async (ctx) => (await ctx.db.query("users").take(1_000)).length);

  test("the deployment takes PASSWORD_SIGN_UPS_PER_MINUTE new accounts, refusing more without creating them", async () => {
    await signUp("one@shop.example");
    await signUp("two@shop.example");
    const before = await userCount();
    await expectRateLimited(signUp("three@shop.example"), 30_000);
    expect(await userCount()).toBe(before);
    // Signing in is not signing up.
    expect(
      (
        await t.action(api.auth.signIn, {
          provider: "password",
          params: { email: "one@shop.example", password: "correct horse battery", flow: "signIn" },
        })
      ).tokens?.token,
    ).toMatch(/^ey/);
    later(30_000);
    expect((await signUp("three@shop.example")).tokens?.token).toMatch(/^ey/);
  });
});

describe("failed signatures per site", () => {
  const BAD = "0".repeat(64);

  test("past the site's failures per minute a bad signature is RATE_LIMITED, while valid ones still sign in", async () => {
    await createSite(t, { key: "shop", identitySecret: SECRET, limits: { identityFailuresPerMinute: 2 } });
    await createSite(t, { key: "mall", identitySecret: SECRET, limits: { identityFailuresPerMinute: 2 } });
    expect((await refusal(signedIn("shop", "customer-1", BAD))).code).toBe("IDENTITY_INVALID");
    // A signed operator's failure counts on the same site.
    const expiresAt = Date.now() + HOUR;
    const operator = { siteKey: "shop", operatorId: "7", email: "agent@shop.example", expiresAt };
    const badOperator = t.action(api.auth.signIn, { provider: "operator-identity", params: { ...operator, signature: BAD } });
    expect((await refusal(badOperator)).code).toBe("IDENTITY_INVALID");

    await expectRateLimited(signedIn("shop", "customer-1", BAD), 30_000);
    // Verified before counting: a valid customer and a valid operator are not locked out.
    expect((await signedIn("shop", "customer-1")).tokens?.token).toMatch(/^ey/);
    const goodOperator = { ...operator, signature: await signOperator(SECRET, operator) };
    expect((await t.action(api.auth.signIn, { provider: "operator-identity", params: goodOperator })).tokens?.token).toMatch(/^ey/);
    // Another site's failures are its own.
    expect((await refusal(signedIn("mall", "customer-1", BAD))).code).toBe("IDENTITY_INVALID");

    later(30_000);
    expect((await refusal(signedIn("shop", "customer-1", BAD))).code).toBe("IDENTITY_INVALID");
  });
});
