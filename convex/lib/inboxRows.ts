// How the operators' inbox shows a conversation and its visitor: one function per derived value,
// so the list, the search and the conversation view agree.
import { v } from "convex/values";
import type { Doc, Id } from "../_generated/dataModel";
import type { QueryCtx } from "../_generated/server";
import { HOST_IDENTITY_PROVIDER } from "./hostIdentity";
import { authorValidator, conversationModeValidator, conversationStatusValidator, roleValidator, sourceValidator } from "../validators";
import { modeOf } from "./conversationMode";
import { authorOf, publicAuthor } from "./messageAuthor";
import { operatorRow } from "./operators";
import { replyStatusValidator } from "./replyStatus";

/** Longest preview of the last message in a row. */
export const PREVIEW_LENGTH = 140;
/** Messages looked at (newest first) to find the last one with text: a reply being written has none yet. */
const PREVIEW_LOOKBACK = 6;

/** A row of `inbox:listConversations` and `inbox:search`. */
export const inboxRowValidator = v.object({
  conversationId: v.id("conversations"),
  title: v.string(),
  /** The last message with text (system lines aside), at most {@link PREVIEW_LENGTH} characters. */
  preview: v.string(),
  previewAuthor: v.union(v.literal("visitor"), v.literal("ai"), v.literal("operator")),
  updatedAt: v.number(),
  /** The signed customer id, else "Visitor XXXX" (a stable tag of the visitor). */
  visitorLabel: v.string(),
  customerId: v.optional(v.string()),
  /** The visitor wrote after the operators last opened it (`inbox:markRead`). */
  unread: v.boolean(),
  status: conversationStatusValidator,
  /** The AI is writing a reply now (pending or streaming). */
  replying: v.boolean(),
  /** Who answers: `ai`, `waiting` (a person was asked for, since `waitingSince`), `human`. */
  mode: conversationModeValidator,
  /** The operator who took it over (mode `human`). */
  assigneeName: v.optional(v.string()),
  waitingSince: v.optional(v.number()),
});

/** A message as operators read it (the owner and bookkeeping fields are not exposed). */
export const operatorMessageValidator = v.object({
  _id: v.id("messages"),
  _creationTime: v.number(),
  role: roleValidator,
  content: v.string(),
  status: v.optional(replyStatusValidator),
  streamId: v.optional(v.string()),
  error: v.optional(v.string()),
  /** AI replies grounded on the site's knowledge: their sources. */
  sources: v.optional(v.array(sourceValidator)),
  author: authorValidator,
  /** Operator messages: who wrote it. */
  authorName: v.optional(v.string()),
});

export function toOperatorMessage(message: Doc<"messages">) {
  const { _id, _creationTime, role, content, status, streamId, error, sources } = message;
  return { _id, _creationTime, role, content, status, streamId, error, sources, ...publicAuthor(message) };
}

/** The display name of the operator a conversation is assigned to, if any. */
export async function assigneeName(ctx: QueryCtx, conversation: Doc<"conversations">): Promise<string | undefined> {
  if (conversation.assigneeId === undefined) return undefined;
  return (await operatorRow(ctx, conversation.siteId, conversation.assigneeId))?.displayName;
}

/** Whether the visitor wrote after the operators' read mark. */
export function isUnread(conversation: Doc<"conversations">): boolean {
  return (conversation.lastVisitorMessageAt ?? 0) > (conversation.operatorsReadAt ?? 0);
}

/** Conversations from before statuses existed read as open. */
export function statusOf(conversation: Doc<"conversations">) {
  return conversation.status ?? "open";
}

/** Who the visitor is, as far as operators may know: the host's customer id, or a stable tag. */
export async function visitorIdentity(ctx: QueryCtx, conversation: Doc<"conversations">): Promise<{ label: string; customerId?: string }> {
  const account = await ctx.db
    .query("authAccounts")
    .withIndex("userIdAndProvider", (q) => q.eq("userId", conversation.userId).eq("provider", HOST_IDENTITY_PROVIDER))
    .first();
  // lib/hostIdentity.ts names accounts `${siteId}:${customerId}`.
  const prefix = `${conversation.siteId}:`;
  if (account !== null && account.providerAccountId.startsWith(prefix)) {
    const customerId = account.providerAccountId.slice(prefix.length);
    return { label: customerId, customerId };
  }
  return { label: `Visitor ${visitorTag(conversation.userId)}` };
}

/**
 * Four characters derived from the user id (FNV-1a, base 36): the same visitor always gets the same
 * tag, and operators can tell visitors apart without seeing their id.
 */
export function visitorTag(userId: Id<"users">): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < userId.length; i++) hash = Math.imul(hash ^ userId.charCodeAt(i), 0x01000193) >>> 0;
  return (hash % 36 ** 4).toString(36).toUpperCase().padStart(4, "0");
}

/** The inbox row of a conversation (a few small index reads). */
export async function inboxRow(ctx: QueryCtx, conversation: Doc<"conversations">) {
  const recent = await ctx.db
    .query("messages")
    .withIndex("by_conversationId", (q) => q.eq("conversationId", conversation._id))
    .order("desc")
    .take(PREVIEW_LOOKBACK);
  const withText = recent.find((message) => message.content.trim() !== "" && authorOf(message) !== "system");
  const previewAuthor = withText === undefined ? "visitor" : authorOf(withText);
  const assignee = await assigneeName(ctx, conversation);
  const last = recent[0];
  const visitor = await visitorIdentity(ctx, conversation);
  return {
    conversationId: conversation._id,
    title: conversation.title,
    preview: (withText?.content ?? "").slice(0, PREVIEW_LENGTH),
    previewAuthor: previewAuthor === "system" ? ("visitor" as const) : previewAuthor,
    updatedAt: conversation.updatedAt,
    visitorLabel: visitor.label,
    ...(visitor.customerId === undefined ? {} : { customerId: visitor.customerId }),
    unread: isUnread(conversation),
    status: statusOf(conversation),
    replying: last?.role === "assistant" && (last.status === "pending" || last.status === "streaming"),
    mode: modeOf(conversation),
    ...(assignee === undefined ? {} : { assigneeName: assignee }),
    ...(conversation.waitingSince === undefined ? {} : { waitingSince: conversation.waitingSince }),
  };
}
