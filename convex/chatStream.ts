import { getAuthUserId } from "@convex-dev/auth/server";
import { internal } from "./_generated/api";
import { httpAction, type ActionCtx } from "./_generated/server";
import { corsHeaders, isOriginAllowed, PREFLIGHT_HEADERS } from "./lib/cors";
import { generateReply } from "./lib/generateReply";
import { jsonError } from "./lib/httpErrors";
import { readStreamRequest } from "./lib/streamRequest";

/**
 * `POST /chat-stream` with JSON `{ streamId }` and `Authorization: Bearer <Convex Auth JWT>`:
 * generates the caller's pending reply, answering with its text as a streaming `text/plain` body.
 * Only one request per stream generates; others get 409 `ALREADY_STARTED` and should read the
 * persisted body (`chat:getStreamBody`); a reply pending for too long gets 410 `REPLY_EXPIRED` (it
 * is ended as `timeout`). Errors are JSON `{ error: { code, message } }`.
 */
export const chatStream = httpAction(async (ctx, request) => {
  const origin = request.headers.get("Origin");
  if (origin !== null && !isOriginAllowed(origin)) return originRefused(origin);
  const cors = corsHeaders(origin);

  const userId = await callerUserId(ctx);
  if (userId === null) {
    return jsonError(401, "UNAUTHENTICATED", "Send a valid Convex Auth token as `Authorization: Bearer <JWT>`.", cors);
  }
  const body = await readStreamRequest(request);
  if ("code" in body) return jsonError(body.status, body.code, body.message, cors);

  const claim = await ctx.runMutation(internal.replies.claimReply, { streamId: body.streamId, userId });
  switch (claim.outcome) {
    case "unauthenticated":
      return jsonError(401, "UNAUTHENTICATED", "The token's user does not exist.", cors);
    case "not_found":
      return jsonError(404, "NOT_FOUND", "No such stream.", cors);
    case "already_started":
      return jsonError(409, "ALREADY_STARTED", "This reply is already being generated; read it with chat:getStreamBody.", cors);
    case "expired":
      return jsonError(410, "REPLY_EXPIRED", "This reply was not started in time and has ended; send the message again.", cors);
  }
  let response;
  try {
    response = await generateReply(ctx, { streamId: body.streamId, ...claim });
  } catch {
    // generateReply has ended the reply as `error` and logged why.
    return jsonError(500, "SERVER_ERROR", "The reply could not be started; read it with chat:getStreamBody.", cors);
  }
  if (response === null) {
    return jsonError(409, "ALREADY_STARTED", "This reply can no longer be generated; read it with chat:getStreamBody.", cors);
  }
  return new Response(response.body, {
    status: 200,
    headers: {
      ...cors,
      "Content-Type": "text/plain; charset=utf-8",
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
});

/** `OPTIONS /chat-stream`: the CORS preflight, answered only for allowed origins. */
export const chatStreamPreflight = httpAction(async (_ctx, request) => {
  const origin = request.headers.get("Origin");
  if (origin !== null && !isOriginAllowed(origin)) return originRefused(origin);
  return new Response(null, { status: 204, headers: { ...corsHeaders(origin), ...PREFLIGHT_HEADERS } });
});

function originRefused(origin: string): Response {
  return jsonError(403, "ORIGIN_NOT_ALLOWED", `Origin ${origin} may not call this route (see ALLOWED_ORIGINS).`);
}

/** The bearer token's user id, or null when there is no token or it cannot be verified. */
async function callerUserId(ctx: ActionCtx): Promise<string | null> {
  try {
    return await getAuthUserId(ctx);
  } catch {
    return null;
  }
}
