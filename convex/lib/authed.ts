import { getAuthUserId } from "@convex-dev/auth/server";
import { customCtx, customMutation, customQuery } from "convex-helpers/server/customFunctions";
import { mutation, query, type QueryCtx } from "../_generated/server";
import type { Id } from "../_generated/dataModel";
import { chatError } from "./errors";

/**
 * The signed-in visitor's user id, derived from the auth token only (no function takes a user id).
 * Throws `UNAUTHENTICATED` without a token, or when the token names a user that does not exist.
 */
export async function requireUserId(ctx: QueryCtx): Promise<Id<"users">> {
  const subject = await getAuthUserId(ctx);
  const userId = subject === null ? null : ctx.db.normalizeId("users", subject);
  if (userId === null || (await ctx.db.get(userId)) === null) {
    throw chatError("UNAUTHENTICATED", "Sign in first: this call needs a valid Convex Auth token.");
  }
  return userId;
}

/** A public query whose handler gets `ctx.userId` of the signed-in visitor. */
export const authedQuery = customQuery(
  query,
  customCtx(async (ctx) => ({ userId: await requireUserId(ctx) })),
);

/** A public mutation whose handler gets `ctx.userId` of the signed-in visitor. */
export const authedMutation = customMutation(
  mutation,
  customCtx(async (ctx) => ({ userId: await requireUserId(ctx) })),
);
