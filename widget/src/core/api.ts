// The Convex app's public API as the widget sees it (the contract in convex/chat.ts and Convex Auth).
// Declared here rather than imported from convex/_generated so the widget builds on its own and can
// point at any deployment that speaks this contract.
import { makeFunctionReference, type PaginationOptions, type PaginationResult } from "convex/server";

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
  /** Who wrote it: `visitor`, `ai`, `operator` (a person of the site) or `system` (a line such as "Alex joined"). */
  author?: string;
  /** An operator's display name. */
  authorName?: string;
  /** AI replies grounded on the site's knowledge: where the answer came from, best first. */
  sources?: { title: string; url?: string }[];
  /** A `done` reply whose text was cut at its token limit (the server or the provider stopped it there). */
  cutAtLimit?: boolean;
}

/** Who answers a conversation: the AI, nobody yet (a person was asked for) or a person. */
export type ConversationMode = "ai" | "waiting" | "human";

/** What the visitor sees of who answers (`chat:conversationState`). Times are ms since the epoch. */
export interface ConversationState {
  mode: ConversationMode;
  status: "open" | "resolved";
  /** The person answering (mode `human`). */
  assigneeName?: string;
  waitingSince?: number;
  /** An operator is typing until then (hide it once the clock passes it, even with no update). */
  operatorTypingUntil?: number;
  operatorTypingName?: string;
  /** Whether someone of the site's team is online, as of the query, until `operatorsOnlineUntil`. */
  operatorsOnline: boolean;
  operatorsOnlineUntil?: number;
  /** Where the answer is also emailed, if the visitor left an address. */
  contactEmail?: string;
  visitorReadAt?: number;
  /** Whether the site offers a person at all ("Talk to a person"). */
  humanHandoff: boolean;
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

/** A reply's text from character `from` on, and its status (`chat:streamChunksAfter`). */
export interface StreamTail {
  text: string;
  from: number;
  status: StreamStatus;
}

/**
 * A reply's newest persisted piece (`chat:streamTail`): `text` from character `from`, `length` the
 * characters persisted so far; once the reply has ended, its final status and length, with the
 * final text from where its last persisted piece began.
 */
export interface NewestChunk {
  from: number;
  text: string;
  length: number;
  status: StreamStatus;
}

/** What `chat:sendMessage` returns. */
export interface SendResult {
  conversationId: string;
  userMessageId: string;
  /** Null when no AI reply was prepared: a person was asked for or answers. */
  assistantMessageId: string | null;
  streamId: string | null;
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
  /** Questions offered as buttons in an empty conversation (at most 4). */
  suggestedQuestions?: string[];
  /** Whether the site offers "Talk to a person" (when the deployment says; else known from a conversation). */
  humanHandoff?: boolean;
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
  >("chat:sendMessage"),
  listMessages: makeFunctionReference<"query", { conversationId: string }, ChatMessage[]>("chat:listMessages"),
  /** The messages up to `upTo` (a `_creationTime`; all without it), newest first, a page at a time: the history. */
  listMessagePage: makeFunctionReference<
    "query",
    { conversationId: string; upTo?: number; paginationOpts: PaginationOptions },
    PaginationResult<ChatMessage>
  >("messages:listPage"),
  /** The messages after `after` (and up to `upTo`), oldest first: the live tail, or a settled range. */
  listMessagesAfter: makeFunctionReference<"query", { conversationId: string; after: number; upTo?: number }, ChatMessage[]>(
    "messages:listAfter",
  ),
  listConversations: makeFunctionReference<"query", { siteKey: string }, ConversationSummary[]>("chat:listConversations"),
  getStreamBody: makeFunctionReference<"query", { streamId: string }, StreamBody>("chat:getStreamBody"),
  streamChunksAfter: makeFunctionReference<"query", { streamId: string; offset: number }, StreamTail>("chat:streamChunksAfter"),
  /** The newest persisted piece of a reply: what a watching tab follows (core/cursor-reader.ts). */
  streamTail: makeFunctionReference<"query", { streamId: string }, NewestChunk>("chat:streamTail"),
  /** The site's name and greeting for visitors (no sign-in needed). */
  siteProfile: makeFunctionReference<"query", { siteKey: string }, SiteProfile | null>("chat:siteProfile"),
  /** Ends a reply that is still being written; its partial text is kept, marked `stopped`. */
  stopReply: makeFunctionReference<"mutation", { streamId: string }, null>("chat:stopReply"),
  /**
   * Generates the newest reply again (it failed, timed out or was stopped): a new pending reply to
   * the same question, driven like a sent message's. The question is not sent again.
   */
  regenerateReply: makeFunctionReference<
    "mutation",
    { conversationId: string; messageId: string },
    { messageId: string; streamId: string }
  >("chat:regenerateReply"),
  /** Asks for a person (starts a conversation when there is none); `HANDOFF_DISABLED` when the site does not offer one. */
  requestHuman: makeFunctionReference<"mutation", { siteKey: string; conversationId?: string }, { conversationId: string }>(
    "chat:requestHuman",
  ),
  conversationState: makeFunctionReference<"query", { conversationId: string }, ConversationState>("chat:conversationState"),
  /** The visitor is typing (throttled by the caller to one write per ~2 s) or stopped. */
  setTyping: makeFunctionReference<"mutation", { conversationId: string; typing: boolean }, null>("chat:setTyping"),
  /** The visitor's page shows the conversation (every ~20 s): operators see them "on the page". */
  heartbeat: makeFunctionReference<"mutation", { conversationId: string }, null>("chat:heartbeat"),
  /** The visitor has seen the conversation up to now (an operator's reply seen is not emailed). */
  markRead: makeFunctionReference<"mutation", { conversationId: string }, null>("chat:markRead"),
  /** Where the answer may follow the visitor; `""` removes it; `INVALID_ARGUMENT` (field `email`). */
  setContactEmail: makeFunctionReference<"mutation", { conversationId: string; email: string }, null>("chat:setContactEmail"),
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
