// The Convex app's public API as the widget sees it (the contract in convex/chat.ts and Convex Auth).
// Declared here rather than imported from convex/_generated so the widget builds on its own and can
// point at any deployment that speaks this contract.
import { makeFunctionReference } from "convex/server";

/** Status of a reply, as stored on the message and as the stream body reports it. */
export type StreamStatus = "pending" | "streaming" | "done" | "error" | "timeout";

/** One message of a conversation, as `chat:listMessages` returns it. */
export interface ChatMessage {
  _id: string;
  _creationTime: number;
  conversationId: string;
  role: "user" | "assistant";
  content: string;
  streamId?: string;
  status?: StreamStatus;
  error?: string;
}

/** Text and status of a reply while it streams (`chat:getStreamBody`). */
export interface StreamBody {
  text: string;
  status: StreamStatus;
}

/** What `chat:sendMessage` returns. */
export interface SendResult {
  conversationId: string;
  userMessageId: string;
  assistantMessageId: string;
  streamId: string;
}

/** Tokens issued by Convex Auth's `auth:signIn` action. */
export interface AuthTokens {
  token: string;
  refreshToken: string;
}

export const chatApi = {
  sendMessage: makeFunctionReference<"mutation", { conversationId?: string; text: string }, SendResult>(
    "chat:sendMessage",
  ),
  listMessages: makeFunctionReference<"query", { conversationId: string }, ChatMessage[]>("chat:listMessages"),
  listConversations: makeFunctionReference<"query", Record<string, never>, Array<{ _id: string }>>(
    "chat:listConversations",
  ),
  getStreamBody: makeFunctionReference<"query", { streamId: string }, StreamBody>("chat:getStreamBody"),
};

export const authApi = {
  signIn: makeFunctionReference<
    "action",
    { provider?: string; params?: Record<string, unknown>; refreshToken?: string },
    { tokens?: AuthTokens | null }
  >("auth:signIn"),
};

/** Whether a reply has reached a final status and will not change again. */
export function isFinal(status: StreamStatus | undefined): boolean {
  return status === "done" || status === "error" || status === "timeout";
}
