import type { FunctionArgs } from "convex/server";
import { decodeJwt } from "jose";
import { api, internal } from "../_generated/api";
import type { Id } from "../_generated/dataModel";
import { DEMO_SITE_KEY } from "../sites";
import type { ChatTest } from "./convexTest.helpers";

/** A signed-in anonymous visitor: their user id and a convex-test accessor acting as them. */
export type Visitor = {
  userId: Id<"users">;
  /** The Convex Auth session the token belongs to (signing out deletes it). */
  sessionId: string;
  token: string;
  refreshToken: string;
  as: ReturnType<ChatTest["withIdentity"]>;
};

/** The site every test visitor chats on: the local backend's `demo` (http://localhost:* and http://127.0.0.1:*). */
export const SITE_KEY = DEMO_SITE_KEY;

type NewSite = FunctionArgs<typeof internal.sites.create>;

/** Creates a site through the operator's `sites:create` (enabled, origin https://<key>.example, unless overridden). */
export async function createSite(t: ChatTest, site: Pick<NewSite, "key"> & Partial<NewSite>): Promise<Id<"sites">> {
  return await t.mutation(internal.sites.create, {
    name: `Site ${site.key}`,
    allowedOrigins: [`https://${site.key}.example`],
    enabled: true,
    ...site,
  });
}

/**
 * Signs in through the real `auth:signIn` anonymous flow and returns an accessor carrying the
 * identity the issued JWT stands for (convex-test does not verify tokens itself). Makes sure the
 * site {@link SITE_KEY} exists first, as the local backend does. `siteKey` is the site the
 * visitor signs in on (anonymous sign-ins are counted per site).
 */
export async function signInVisitor(t: ChatTest, siteKey: string = SITE_KEY): Promise<Visitor> {
  await t.mutation(internal.sites.ensureDemoSite, {});
  const result = await t.action(api.auth.signIn, { provider: "anonymous", params: { siteKey } });
  const token = result.tokens?.token;
  if (!token) throw new Error(`anonymous sign-in returned no token: ${JSON.stringify(result)}`);
  const claims = decodeJwt(token);
  if (!claims.sub || !claims.iss) throw new Error("token without sub/iss");
  const userId = claims.sub.split("|")[0] as Id<"users">;
  const refreshToken = result.tokens!.refreshToken;
  const sessionId = claims.sub.split("|")[1];
  return { userId, sessionId, token, refreshToken, as: t.withIdentity({ subject: claims.sub, issuer: claims.iss }) };
}

/** The newest message of one of the visitor's conversations (the reply, right after a send). */
export async function lastMessage(visitor: Visitor, conversationId: string) {
  const messages = await visitor.as.query(api.chat.listMessages, { conversationId });
  return messages[messages.length - 1];
}
