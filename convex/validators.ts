import { v, type Infer } from "convex/values";

/** Longest message a visitor may send, in UTF-16 code units after trimming (documented limit). */
export const MAX_MESSAGE_LENGTH = 4_000;
/** Most messages `chat:listMessages` returns (the newest ones, oldest first). */
export const MESSAGE_LIST_LIMIT = 200;
/** Most conversations `chat:listConversations` returns (newest first). */
export const CONVERSATION_LIST_LIMIT = 50;
/** Longest conversation title, taken from the first message. */
export const TITLE_LENGTH = 80;

export const roleValidator = v.union(v.literal("user"), v.literal("assistant"));
export type Role = Infer<typeof roleValidator>;

/** The same statuses as the persistent-text-streaming component, so its `useStream` hook works unchanged. */
export const streamStatusValidator = v.union(
  v.literal("pending"),
  v.literal("streaming"),
  v.literal("done"),
  v.literal("error"),
  v.literal("timeout"),
);
export type StreamStatus = Infer<typeof streamStatusValidator>;

/** Statuses after which an assistant message's own `content` is the final text. */
export const FINAL_STATUSES: readonly StreamStatus[] = ["done", "error", "timeout"];

/** A message as the public API returns it (the owner's id is not exposed). */
export const publicMessageValidator = v.object({
  _id: v.id("messages"),
  _creationTime: v.number(),
  conversationId: v.id("conversations"),
  role: roleValidator,
  content: v.string(),
  streamId: v.optional(v.string()),
  status: v.optional(streamStatusValidator),
  error: v.optional(v.string()),
});

/** A conversation as the public API returns it. */
export const publicConversationValidator = v.object({
  _id: v.id("conversations"),
  _creationTime: v.number(),
  title: v.string(),
  updatedAt: v.number(),
});

export const streamBodyValidator = v.object({ text: v.string(), status: streamStatusValidator });
