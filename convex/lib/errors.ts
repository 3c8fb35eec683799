import { ConvexError } from "convex/values";

/** Error codes clients can branch on (`error.data.code`). */
export type ChatErrorCode =
  | "UNAUTHENTICATED"
  | "EMPTY_MESSAGE"
  | "MESSAGE_TOO_LONG"
  | "NOT_FOUND"
  | "SITE_NOT_FOUND"
  | "SITE_DISABLED"
  | "SITE_MISMATCH"
  | "IDENTITY_INVALID"
  | "IDENTITY_EXPIRED"
  | "RATE_LIMITED"
  | "CONVERSATION_FULL"
  | "TOO_MANY_CONVERSATIONS"
  | "INVALID_CLIENT_ID"
  | "FORBIDDEN"
  | "INVALID_ARGUMENT"
  | "INVITATION_INVALID"
  | "LAST_OWNER"
  | "HANDOFF_DISABLED"
  | "KNOWLEDGE_UNAVAILABLE"
  | "KNOWLEDGE_FULL"
  | "ORIGIN_NOT_ALLOWED"
  | "FETCH_FAILED";

/** The payload of every ConvexError this app throws. */
export type ChatErrorData = {
  code: ChatErrorCode;
  message: string;
  /** `RATE_LIMITED` only: how long to wait before the same call can succeed, in ms. */
  retryAfterMs?: number;
  /** `INVALID_ARGUMENT` only: the argument (or setting) at fault, e.g. `allowedOrigins`, `model.temperature`. */
  field?: string;
};

/** Builds the ConvexError clients receive, e.g. `throw chatError("NOT_FOUND", "No such conversation")`. */
export function chatError(code: ChatErrorCode, message: string): ConvexError<ChatErrorData> {
  return new ConvexError({ code, message });
}

/** A refused argument, naming the field so a form can show the message next to it. */
export function invalidArgument(field: string, message: string): ConvexError<ChatErrorData> {
  return new ConvexError({ code: "INVALID_ARGUMENT", message, field });
}
