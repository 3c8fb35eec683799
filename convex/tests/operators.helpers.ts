// Site staff for tests. `signInStaff` goes through the real `auth:signIn` password flow (the
// tests of that flow use it); `newOperator` makes owners and agents for tests about something else:
// the account as a sign-up leaves it, a session from Convex Auth's own store, and the role through
// the real internal functions and invitations. It skips Scrypt (~250 ms per hash or check), which
// was a third of the Convex suite's time.
import { Scrypt } from "lucia";
import { decodeJwt } from "jose";
import { api, internal } from "../_generated/api";
import type { Id } from "../_generated/dataModel";
import { normaliseEmail, PASSWORD_PROVIDER } from "../lib/passwordAuth";
import type { ChatTest } from "./convexTest.helpers";

export const PASSWORD = "correct horse battery";

/** A signed-in password user. */
export type Staff = { userId: Id<"users">; email: string; token: string; as: ReturnType<ChatTest["withIdentity"]> };

/** Signs in (or up, with `flow: "signUp"`) with the password provider; returns an accessor acting as that user. */
export async function signInStaff(
  t: ChatTest,
  email: string,
  flow: "signIn" | "signUp" = "signIn",
  password = PASSWORD,
  name?: string,
): Promise<Staff> {
  const result = await t.action(api.auth.signIn, { provider: "password", params: { email, password, flow, ...(name ? { name } : {}) } });
  const token = result.tokens?.token;
  if (!token) throw new Error(`password ${flow} returned no token: ${JSON.stringify(result)}`);
  return staffWithToken(t, email, token);
}

function staffWithToken(t: ChatTest, email: string, token: string): Staff {
  const claims = decodeJwt(token);
  const userId = claims.sub!.split("|")[0] as Id<"users">;
  return { userId, email, token, as: t.withIdentity({ subject: claims.sub!, issuer: claims.iss! }) };
}

/** {@link PASSWORD} hashed once per test worker, as the Password provider stores it. */
let passwordHash: Promise<string> | undefined;

/**
 * A password user with a new session, as sign-up and sign-in leave them (the `users` and
 * `authAccounts` rows of Convex Auth's Password provider, the session and tokens from its store),
 * without hashing: `signInStaff(t, email)` still works for them with {@link PASSWORD}.
 */
async function seedStaff(t: ChatTest, rawEmail: string): Promise<Staff> {
  const email = normaliseEmail(rawEmail);
  passwordHash ??= new Scrypt().hash(PASSWORD);
  const secret = await passwordHash;
  const userId = await t.run(async (ctx) => {
    const account = await ctx.db
      .query("authAccounts")
      .withIndex("providerAndAccountId", (q) => q.eq("provider", PASSWORD_PROVIDER).eq("providerAccountId", email))
      .unique();
    if (account !== null) return account.userId;
    const user = await ctx.db.insert("users", { email });
    await ctx.db.insert("authAccounts", { userId: user, provider: PASSWORD_PROVIDER, providerAccountId: email, secret });
    return user;
  });
  const signIn = { type: "signIn", userId, generateTokens: true };
  const session = (await t.mutation(internal.auth.store, { args: signIn })) as {
    tokens: { token: string } | null;
  };
  if (!session.tokens) throw new Error(`no tokens for ${email}`);
  return staffWithToken(t, email, session.tokens.token);
}

/**
 * A new password user who operates `siteKey` with `role`: an owner through `operators:makeOwner`
 * (what `operators:createOwner` writes), an agent through a real invitation.
 */
export async function newOperator(t: ChatTest, siteKey: string, role: "owner" | "agent", email: string): Promise<Staff> {
  const staff = await seedStaff(t, email);
  if (role === "owner") {
    await t.mutation(internal.operators.makeOwner, { siteKey, userId: staff.userId });
    return staff;
  }
  const { code } = await t.mutation(internal.operators.invite, { siteKey, email, role });
  await staff.as.mutation(api.invitations.redeem, { code });
  return staff;
}
