// Limits on Convex Auth's own writes: refreshing a session, opening one, failing a signed
// identity, signing staff up. Each runs inside the mutation that would write, so a refusal
// (`RATE_LIMITED` with `retryAfterMs`) rolls back everything, the bucket's own update included.
import { HOUR, MINUTE } from "@convex-dev/rate-limiter";
import type { Id } from "../_generated/dataModel";
import type { MutationCtx } from "../_generated/server";
import { take } from "./limits";
import { authLimits, resolveLimits } from "./limitsConfig";

/** Convex Auth's refresh token: `${refreshTokenId}|${sessionId}` (REFRESH_TOKEN_DIVIDER). */
const REFRESH_TOKEN_DIVIDER = "|";

function hourly(perHour: number) {
  return { perPeriod: perHour, period: HOUR, capacity: perHour };
}

/**
 * One refresh of the session `refreshToken` belongs to. Only a refresh token that exists and
 * names its own session is counted: made-up tokens are refused by Convex Auth without a write,
 * and keying buckets by them would let a script create one bucket per guess.
 */
export async function limitSessionRefresh(ctx: MutationCtx, refreshToken: string): Promise<void> {
  const [tokenId, sessionId] = refreshToken.split(REFRESH_TOKEN_DIVIDER);
  const id = tokenId ? ctx.db.normalizeId("authRefreshTokens", tokenId) : null;
  const doc = id === null ? null : await ctx.db.get(id);
  if (doc === null || doc.sessionId !== sessionId) return;
  await take(
    ctx,
    "sessionRefreshes",
    doc.sessionId,
    hourly(authLimits().sessionRefreshesPerHour),
    "This session is refreshing faster than allowed; keep using the current token.",
  );
}

/**
 * One new session for `userId` (Convex Auth's `beforeSessionCreation`). A signed customer is one
 * user per site and customer id, so this is the per site-and-customer limit (the site's
 * `customerSessionsPerHour`); staff users get the deployment's `STAFF_SESSIONS_PER_HOUR`. Anonymous
 * visitors are skipped: each sign-in is a new user with its one session, counted per site already.
 */
export async function limitNewSession(ctx: MutationCtx, userId: Id<"users">): Promise<void> {
  const user = await ctx.db.get(userId);
  if (user === null || user.isAnonymous) return;
  const site = user.siteId === undefined ? null : await ctx.db.get(user.siteId);
  const perHour = site !== null ? resolveLimits(site.limits).customerSessionsPerHour : authLimits().staffSessionsPerHour;
  await take(ctx, "userSessions", userId, hourly(perHour), "Too many sign-ins for this account right now.");
}

/**
 * One failed signed-identity sign-in on `siteId` (a bad or expired signature). Counted only after
 * verifying, so valid signatures are never refused however many failures a script sends; past
 * the site's `identityFailuresPerMinute` a failure is answered `RATE_LIMITED` and writes nothing.
 */
export async function limitIdentityFailure(ctx: MutationCtx, siteId: Id<"sites">): Promise<void> {
  const site = await ctx.db.get(siteId);
  const { identityFailuresPerMinute } = resolveLimits(site?.limits);
  await take(
    ctx,
    "siteIdentityFailures",
    siteId,
    { perPeriod: identityFailuresPerMinute, period: MINUTE, capacity: identityFailuresPerMinute },
    "Too many failed sign-ins with a signed identity on this site; try again later.",
  );
}

/** One staff password sign-up (a new account) on the deployment. */
export async function limitPasswordSignUp(ctx: MutationCtx): Promise<void> {
  const { passwordSignUpsPerMinute } = authLimits();
  await take(
    ctx,
    "passwordSignUps",
    "deployment",
    { perPeriod: passwordSignUpsPerMinute, period: MINUTE, capacity: passwordSignUpsPerMinute },
    "Too many accounts are being created right now; try again in a minute.",
  );
}
