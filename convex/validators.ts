import { v, type Infer } from "convex/values";
import { replyStatusValidator } from "./lib/replyStatus";

/** Longest message a visitor may send, in UTF-16 code units after trimming (documented limit). */
export const MAX_MESSAGE_LENGTH = 4_000;
/** Most messages `chat:listMessages` returns (the newest ones, oldest first). */
export const MESSAGE_LIST_LIMIT = 200;
/** Most messages one page of `messages:listPage` holds. */
export const MESSAGE_PAGE_LIMIT = 100;
/** Most conversations `chat:listConversations` returns (newest first). */
export const CONVERSATION_LIST_LIMIT = 50;
/** Longest conversation title, taken from the first message. */
export const TITLE_LENGTH = 80;

export const roleValidator = v.union(v.literal("user"), v.literal("assistant"));

/** The same statuses as the persistent-text-streaming component, so its `useStream` hook works unchanged. */
export const streamStatusValidator = v.union(
  v.literal("pending"),
  v.literal("streaming"),
  v.literal("done"),
  v.literal("error"),
  v.literal("timeout"),
);
export type StreamStatus = Infer<typeof streamStatusValidator>;

/** Longest `clientMessageId` accepted by `chat:sendMessage`. */
export const MAX_CLIENT_MESSAGE_ID_LENGTH = 64;
/** What a `clientMessageId` may consist of: 1 to {@link MAX_CLIENT_MESSAGE_ID_LENGTH} of `[A-Za-z0-9_-]`. */
export const CLIENT_MESSAGE_ID_PATTERN = new RegExp(`^[A-Za-z0-9_-]{1,${MAX_CLIENT_MESSAGE_ID_LENGTH}}$`);

/**
 * Ids that clients send are validated as plain strings on purpose, not `v.id(...)`: a stale or
 * malformed id then gets this app's `NOT_FOUND` (see lib/ownership.ts) instead of a validator error.
 */
export const clientConversationIdValidator = v.string();
/** A component stream id as clients send it (plain string; unknown ids get `NOT_FOUND`). */
export const clientStreamIdValidator = v.string();

/** A message's fields that the public API exposes; the schema adds the private ones. */
/** A source a reply was grounded on (the site's knowledge base): shown under the reply as a link. */
export const sourceValidator = v.object({ title: v.string(), url: v.optional(v.string()) });
export type Source = Infer<typeof sourceValidator>;

export const publicMessageFields = {
  conversationId: v.id("conversations"),
  role: roleValidator,
  content: v.string(),
  /** Assistant replies only: the component stream the reply is generated into. */
  streamId: v.optional(v.string()),
  /** Assistant replies only: where the reply is in its lifecycle (lib/replyStatus.ts). */
  status: v.optional(replyStatusValidator),
  /** User messages sent with one: the sender's idempotency key (`chat:sendMessage`). */
  clientMessageId: v.optional(v.string()),
  /** Why generation failed, when status is "error" or "timeout" (a reason fit for visitors). */
  error: v.optional(v.string()),
  /** AI replies grounded on the site's knowledge: the pages and texts they came from, best first. */
  sources: v.optional(v.array(sourceValidator)),
  /**
   * Assistant replies with status "done" only: true when the text was cut at the reply's token
   * limit (the provider stopped there, or the server did), so a client can offer to continue.
   */
  cutAtLimit: v.optional(v.boolean()),
};

/**
 * Who wrote a message: the visitor, the AI, an operator (a person of the site), or the system
 * (the lines "Alex joined", "Alex left", "Resolved", "Reopened"). Messages from before authors
 * existed have none: derive it from the role (lib/messageAuthor.ts `authorOf`).
 */
export const authorValidator = v.union(v.literal("visitor"), v.literal("ai"), v.literal("operator"), v.literal("system"));
export type Author = Infer<typeof authorValidator>;

/** A message's author fields as stored (optional: older rows have none). */
export const messageAuthorFields = {
  author: v.optional(authorValidator),
  /** Operator messages: the operator's display name when they wrote it. */
  authorName: v.optional(v.string()),
};

/** A message as the public API returns it (owner and bookkeeping fields are not exposed). */
export const publicMessageValidator = v.object({
  _id: v.id("messages"),
  _creationTime: v.number(),
  ...publicMessageFields,
  author: authorValidator,
  authorName: v.optional(v.string()),
});

/** A conversation as the public API returns it. */
export const publicConversationValidator = v.object({
  _id: v.id("conversations"),
  _creationTime: v.number(),
  title: v.string(),
  updatedAt: v.number(),
});

/**
 * What `useStream` reads, plus `cutAtLimit` (true once a reply has ended cut at its token limit;
 * absent otherwise, so clients that know only `{ text, status }` are unaffected).
 */
export const streamBodyValidator = v.object({ text: v.string(), status: streamStatusValidator, cutAtLimit: v.optional(v.boolean()) });
/** A reply's text from character `from` on (`chat:streamChunksAfter`), and its status. */
export const streamTailValidator = v.object({ text: v.string(), from: v.number(), status: streamStatusValidator });

/**
 * A reply's newest persisted piece (`chat:streamTail`): `text` at character `from`, `length` the
 * characters persisted so far; once the reply has ended, its final `length` and the final text
 * from where its last persisted piece began.
 */
export const newestChunkValidator = v.object({ from: v.number(), text: v.string(), length: v.number(), status: streamStatusValidator });

/** An operator's role on a site: owners also change settings, invitations and operators. */
export const operatorRoleValidator = v.union(v.literal("owner"), v.literal("agent"));
export type OperatorRole = Infer<typeof operatorRoleValidator>;

/** A conversation's state in the operators' inbox. */
export const conversationStatusValidator = v.union(v.literal("open"), v.literal("resolved"));
export type ConversationStatus = Infer<typeof conversationStatusValidator>;

/**
 * Who answers in a conversation: `ai` (the AI answers; also when unset), `waiting` (a person was
 * asked for; the AI does not answer), `human` (a person answers; the AI never runs).
 */
export const conversationModeValidator = v.union(v.literal("ai"), v.literal("waiting"), v.literal("human"));
export type ConversationMode = Infer<typeof conversationModeValidator>;

/** Where a conversation started, as the widget reports it (`chat:sendMessage`'s `context`). */
export const conversationContextValidator = v.object({
  /** The page's origin and path only (query and fragment can carry personal data). */
  pageUrl: v.optional(v.string()),
  /** The page's or browser's language tag, e.g. `fr-CA`. */
  language: v.optional(v.string()),
});
export type ConversationContext = Infer<typeof conversationContextValidator>;
