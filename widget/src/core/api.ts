// The Convex app's public API as the widget sees it (the contract in convex/chat.ts and Convex Auth).
// Declared here rather than imported from convex/_generated so the widget builds on its own and can
// point at any deployment that speaks this contract.
import { makeFunctionReference } from "convex/server";

/** Status of a reply, as stored on the message and as the stream body reports it. */
export type StreamStatus = "pending" | "streaming" | "done" | "error" | "timeout" | "stopped";

/** Longest message the server accepts, in characters after trimming (convex/validators.ts). */
export const MAX_MESSAGE_LENGTH = 4_000;

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
  /** A `done` reply whose text was cut at its token limit (the server or the provider stopped it there). */
  cutAtLimit?: boolean;
}

/** Text and status of a reply while it streams (`chat:getStreamBody`). */
export interface StreamBody {
  text: string;
  status: StreamStatus;
  /** True once the reply has ended cut at its token limit (`chat:getStreamBody`). */
  cutAtLimit?: boolean;
  /** Why it failed, when this client knows (the stream route refused it for good); with the server's code. */
  error?: string;
  code?: string;
}

/** What `chat:sendMessage` returns. */
export interface SendResult {
  conversationId: string;
  userMessageId: string;
  assistantMessageId: string;
  streamId: string;
}

/** One of the visitor's conversations, as `chat:listConversations` returns it. */
export interface ConversationSummary {
  _id: string;
  _creationTime: number;
  /** The start of its first message. */
  title: string;
  /** When a message was last sent in it. */
  updatedAt: number;
}

/** What visitors see of a site (`chat:siteProfile`), as its owners set it; null for unknown or disabled sites. */
export interface SiteProfile {
  name: string;
  greeting?: string;
  assistantName?: string;
  accentColor?: string;
}

/** Tokens issued by Convex Auth's `auth:signIn` action. */
export interface AuthTokens {
  token: string;
  refreshToken: string;
}

export const chatApi = {
  /** `clientMessageId` (<= 64 of [A-Za-z0-9_-]) makes it idempotent: a repeat returns the first result. */
  sendMessage: makeFunctionReference<
    "mutation",
    {
      siteKey: string;
      conversationId?: string;
      text: string;
      clientMessageId?: string;
      /** Where the visitor is (core/visitor-context.ts); kept on a conversation this message starts. */
      context?: { pageUrl?: string; language?: string };
    },
    SendResult
  >(
    "chat:sendMessage",
  ),
  listMessages: makeFunctionReference<"query", { conversationId: string }, ChatMessage[]>("chat:listMessages"),
  listConversations: makeFunctionReference<"query", { siteKey: string }, ConversationSummary[]>(
    "chat:listConversations",
  ),
  getStreamBody: makeFunctionReference<"query", { streamId: string }, StreamBody>("chat:getStreamBody"),
  /** The site's name and greeting for visitors (no sign-in needed). */
  siteProfile: makeFunctionReference<"query", { siteKey: string }, SiteProfile | null>("chat:siteProfile"),
  /** Ends a reply that is still being written; its partial text is kept, marked `stopped`. */
  stopReply: makeFunctionReference<"mutation", { streamId: string }, null>("chat:stopReply"),
  /** Deletes one of the visitor's conversations (nothing of it stays readable). */
  deleteConversation: makeFunctionReference<"mutation", { conversationId: string }, null>("chat:deleteConversation"),
  /** Ends every session of the visitor and erases their conversations and the visitor (`signOut({ erase: true })`). */
  eraseMyData: makeFunctionReference<"mutation", Record<string, never>, null>("chat:eraseMyData"),
};

export const authApi = {
  signIn: makeFunctionReference<
    "action",
    { provider?: string; params?: Record<string, unknown>; refreshToken?: string },
    { tokens?: AuthTokens | null }
  >("auth:signIn"),
  /** Ends the caller's session on the server (its refresh token stops working). */
  signOut: makeFunctionReference<"action", Record<string, never>, null>("auth:signOut"),
};

/** Whether a reply has reached a final status and will not change again. */
export function isFinal(status: StreamStatus | undefined): boolean {
  return status === "done" || status === "error" || status === "timeout" || status === "stopped";
}
