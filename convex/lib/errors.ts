import { ConvexError } from "convex/values";

/** Error codes clients can branch on (`error.data.code`). */
export type ChatErrorCode =
  | "UNAUTHENTICATED"
  | "EMPTY_MESSAGE"
  | "MESSAGE_TOO_LONG"
  | "NOT_FOUND";

/** The payload of every ConvexError this app throws. */
export type ChatErrorData = { code: ChatErrorCode; message: string };

/** Builds the ConvexError clients receive, e.g. `throw chatError("NOT_FOUND", "No such conversation")`. */
export function chatError(code: ChatErrorCode, message: string): ConvexError<ChatErrorData> {
  return new ConvexError({ code, message });
}
