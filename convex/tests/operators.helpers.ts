// Site staff for tests: password users signed in through the real `auth:signIn` flow, and the
// owners and agents made of them through the real internal functions and invitations.
import { decodeJwt } from "jose";
import { api, internal } from "../_generated/api";
import type { Id } from "../_generated/dataModel";
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
  const claims = decodeJwt(token);
  const userId = claims.sub!.split("|")[0] as Id<"users">;
  return { userId, email, token, as: t.withIdentity({ subject: claims.sub!, issuer: claims.iss! }) };
}

/** A new password user who operates `siteKey` with `role`: an owner through `operators:createOwner`, an agent through an invitation. */
export async function newOperator(t: ChatTest, siteKey: string, role: "owner" | "agent", email: string): Promise<Staff> {
  if (role === "owner") {
    await t.action(internal.operators.createOwner, { siteKey, email, password: PASSWORD });
    return await signInStaff(t, email);
  }
  const staff = await signInStaff(t, email, "signUp");
  const { code } = await t.mutation(internal.operators.invite, { siteKey, email, role });
  await staff.as.mutation(api.invitations.redeem, { code });
  return staff;
}
