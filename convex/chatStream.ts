import { getAuthSessionId, getAuthUserId } from "@convex-dev/auth/server";
import { internal } from "./_generated/api";
import { httpAction, type ActionCtx } from "./_generated/server";
import { corsHeaders, PREFLIGHT_HEADERS } from "./lib/cors";
import { generateReply } from "./lib/generateReply";
import { jsonError, rateLimitedResponse } from "./lib/httpErrors";
import { originMatches } from "./lib/origins";
import { readStreamRequest } from "./lib/streamRequest";

/**
 * `POST /chat-stream?site=<siteKey>` (or `POST /chat-stream`: `?site=` is optional) with JSON `{ streamId }` and `Authorization: Bearer <Convex Auth JWT>`:
 * generates the caller's pending reply, answering with its text as a streaming `text/plain` body.
 * A browser's `Origin` must be one the stream's own site allows (its conversation's site, whatever
 * `?site=` says), else 403 `ORIGIN_NOT_ALLOWED`; a disabled site gets 403 `SITE_DISABLED`. Both are
 * refused before anything is claimed or generated. Requests without `Origin` (servers) pass: only
 * browsers can be bound by an origin check.
 * Only one request per stream generates; others get 409 `ALREADY_STARTED` and should read the
 * persisted body (`chat:getStreamBody`); a reply pending for too long gets 410 `REPLY_EXPIRED` (it
 * is ended as `timeout`). When the deployment's daily budget of generated tokens cannot cover the
 * reply's allowance (it is reserved at the claim): 429 `RATE_LIMITED` with `Retry-After` (the reply
 * stays pending). When a person was asked for or took over since the message was sent (the
 * conversation's mode is not `ai`), the claim stops the reply with no text: 409 `HUMAN_MODE`.
 * Errors are JSON `{ error: { code, message } }`. Everything from the token's user on is checked,
 * and the reply claimed, in one transaction (`replies:claimReply`, lib/streamClaim.ts).
 */
export const chatStream = httpAction(async (ctx: ActionCtx, request) => {
  const origin = request.headers.get("Origin");
  // Until the stream's site is known, `?site=` decides only whether the page may read an error.
  let cors = (await originAllowedByKey(ctx, request, origin)) ? corsHeaders(origin) : {};

  const caller = await callerSession(ctx);
  if (caller === null) {
    return jsonError(401, "UNAUTHENTICATED", "Send a valid Convex Auth token as `Authorization: Bearer <JWT>`.", cors);
  }
  const body = await readStreamRequest(request);
  if ("code" in body) return jsonError(body.status, body.code, body.message, cors);

  const claim = await ctx.runMutation(internal.replies.claimReply, { streamId: body.streamId, ...caller, origin });
  switch (claim.outcome) {
    case "unauthenticated":
      return jsonError(401, "UNAUTHENTICATED", "The token's user or session does not exist (signed out?).", cors);
    case "not_found":
      return jsonError(404, "NOT_FOUND", "No such stream.", cors);
    case "origin_not_allowed":
      return originRefused(origin ?? ""); // only a browser's origin is ever refused
  }
  // The stream's own site admits this origin: from here on the page may read every answer.
  cors = corsHeaders(origin);
  switch (claim.outcome) {
    case "site_disabled":
      return jsonError(403, "SITE_DISABLED", "This chat has been turned off by the site's operator.", cors);
    case "already_started":
      return jsonError(409, "ALREADY_STARTED", "This reply is already being generated; read it with chat:getStreamBody.", cors);
    case "expired":
      return jsonError(410, "REPLY_EXPIRED", "This reply was not started in time and has ended; send the message again.", cors);
    case "ai_not_answering":
      return jsonError(409, "HUMAN_MODE", "A person answers in this conversation now; the AI reply was not started.", cors);
    case "rate_limited":
      // The claim reserves the reply's tokens; without enough budget the reply stays pending.
      return rateLimitedResponse(claim.message, claim.retryAfterMs, cors);
  }
  let replyText;
  try {
    replyText = await generateReply(ctx, { streamId: body.streamId, ...claim });
  } catch {
    // generateReply has ended the reply as `error` and logged why.
    return jsonError(500, "SERVER_ERROR", "The reply could not be started; read it with chat:getStreamBody.", cors);
  }
  if (replyText === null) return noLongerGenerable(cors);
  return new Response(replyText, {
    status: 200,
    headers: {
      ...cors,
      "Content-Type": "text/plain; charset=utf-8",
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
});

/**
 * `OPTIONS /chat-stream?site=<siteKey>`: the CORS preflight, answered only for origins the site
 * allows (echoing the origin, `Vary: Origin`, never `*`).
 *
 * `OPTIONS /chat-stream` without `?site=` (the URL shape of the component's tutorial): the
 * preflight cannot know the stream's site, so it allows any origin to send the POST (`*`, and no
 * `Access-Control-Allow-Credentials`: browsers then send no cookies, and none are used). That
 * grants nothing: the POST itself checks the origin against the stream's own site and refuses a
 * foreign page with 403 before anything is claimed or generated, and a page can read the POST's
 * answer only when its origin is allowed.
 */
export const chatStreamPreflight = httpAction(async (ctx, request) => {
  const origin = request.headers.get("Origin");
  const siteKey = new URL(request.url).searchParams.get("site");
  if (siteKey === null) return new Response(null, { status: 204, headers: { "Access-Control-Allow-Origin": "*", ...PREFLIGHT_HEADERS } });
  const site = await ctx.runQuery(internal.siteAccess.originsForKey, { siteKey });
  if (site === null) return jsonError(404, "SITE_NOT_FOUND", "No site has this key: check ?site=<site key>.");
  if (origin !== null && !originMatches(origin, site.allowedOrigins)) return originRefused(origin);
  if (!site.enabled) return jsonError(403, "SITE_DISABLED", "This chat has been turned off by the site's operator.");
  return new Response(null, { status: 204, headers: { ...corsHeaders(origin), ...PREFLIGHT_HEADERS } });
});

/** 409 for a reply that ended instead of starting: its final text is read from the database. */
function noLongerGenerable(cors: Record<string, string>): Response {
  return jsonError(409, "ALREADY_STARTED", "This reply can no longer be generated; read it with chat:getStreamBody.", cors);
}

function originRefused(origin: string): Response {
  return jsonError(403, "ORIGIN_NOT_ALLOWED", `Origin ${origin.slice(0, 200)} is not among this site's allowed origins.`);
}

/** Whether the site named by `?site=` allows `origin` (false without either). */
async function originAllowedByKey(ctx: ActionCtx, request: Request, origin: string | null): Promise<boolean> {
  const siteKey = new URL(request.url).searchParams.get("site");
  if (origin === null || siteKey === null) return false;
  const site = await ctx.runQuery(internal.siteAccess.originsForKey, { siteKey });
  return site !== null && originMatches(origin, site.allowedOrigins);
}

/**
 * The bearer token's user and session ids, or null when there is no token or it cannot be
 * verified. Whether the session still exists is checked in the claim's transaction.
 */
async function callerSession(ctx: ActionCtx): Promise<{ userId: string; sessionId: string } | null> {
  try {
    const [userId, sessionId] = [await getAuthUserId(ctx), await getAuthSessionId(ctx)];
    // A subject without a session part (not one Convex Auth issued) gives an undefined session.
    return userId === null || !sessionId ? null : { userId, sessionId };
  } catch {
    return null;
  }
}
