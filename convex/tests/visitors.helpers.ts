import { decodeJwt } from "jose";
import { api } from "../_generated/api";
import type { Id } from "../_generated/dataModel";
import type { ChatTest } from "./convexTest.helpers";

/** A signed-in anonymous visitor: their user id and a convex-test accessor acting as them. */
export type Visitor = {
  userId: Id<"users">;
  token: string;
  as: ReturnType<ChatTest["withIdentity"]>;
};

/**
 * Signs in through the real `auth:signIn` anonymous flow and returns an accessor carrying the
 * identity the issued JWT stands for (convex-test does not verify tokens itself).
 */
export async function signInVisitor(t: ChatTest): Promise<Visitor> {
  const result = await t.action(api.auth.signIn, { provider: "anonymous" });
  const token = result.tokens?.token;
  if (!token) throw new Error(`anonymous sign-in returned no token: ${JSON.stringify(result)}`);
  const claims = decodeJwt(token);
  if (!claims.sub || !claims.iss) throw new Error("token without sub/iss");
  const userId = claims.sub.split("|")[0] as Id<"users">;
  return { userId, token, as: t.withIdentity({ subject: claims.sub, issuer: claims.iss }) };
}

/** The newest message of one of the visitor's conversations (the reply, right after a send). */
export async function lastMessage(visitor: Visitor, conversationId: string) {
  const messages = await visitor.as.query(api.chat.listMessages, { conversationId });
  return messages[messages.length - 1];
}
