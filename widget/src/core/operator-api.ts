// The operator API as the console sees it (the contract of issue 10: convex/inbox.ts,
// siteSettings.ts, invitations.ts, operators.ts). Declared here, like api.ts, so the console builds
// on its own and can point at any deployment that speaks this contract.
import type { PaginationOptions, PaginationResult } from "convex/server";
import { makeFunctionReference } from "convex/server";
import type { ConversationMode, NewestChunk, StreamBody, StreamStatus, StreamTail } from "./api.js";

export type OperatorRole = "owner" | "agent";
export type ConversationStatus = "open" | "resolved";
/** `waiting`: a person was asked for, longest waiting first; `mine`: conversations the caller holds. */
export type InboxFilter = "all" | "open" | "resolved" | "waiting" | "mine";

/** One of the caller's sites (`inbox:mySites`). */
export interface OperatorSite {
  siteKey: string;
  name: string;
  role: OperatorRole;
}

/** One row of the inbox (`inbox:listConversations`, `inbox:search`). */
export interface InboxRow {
  conversationId: string;
  title: string;
  /** The last message with content, at most 140 characters. */
  preview: string;
  previewAuthor: "visitor" | "ai" | "operator";
  updatedAt: number;
  /** The signed customer id, else "Visitor " and a short stable tag. */
  visitorLabel: string;
  customerId?: string;
  /** A visitor message newer than the operators' read mark. */
  unread: boolean;
  status: ConversationStatus;
  /** The AI is writing a reply now. */
  replying: boolean;
  /** Who answers: the AI, nobody yet (a person was asked for, since `waitingSince`) or a person. */
  mode?: ConversationMode;
  /** The operator holding it (mode `human`). */
  assigneeName?: string;
  waitingSince?: number;
}

/** One message of a conversation as an operator reads it. */
export interface OperatorMessage {
  _id: string;
  _creationTime: number;
  role: "user" | "assistant";
  content: string;
  status?: StreamStatus;
  streamId?: string;
  error?: string;
  /** `visitor`, `ai`, `operator` (with `authorName`) or `system` ("Alex joined", "Resolved"…). */
  author?: "visitor" | "ai" | "operator" | "system";
  authorName?: string;
}

/** Where and who the visitor is. */
export interface VisitorContext {
  label: string;
  customerId?: string;
  /** Origin and path of the page the conversation started on. */
  pageUrl?: string;
  language?: string;
  firstSeenAt: number;
}

/** `inbox:getConversation`. */
export interface OperatorConversation {
  conversationId: string;
  siteKey: string;
  title: string;
  status: ConversationStatus;
  updatedAt: number;
  createdAt: number;
  unread: boolean;
  visitor: VisitorContext;
  /** The newest 100 messages, oldest first. */
  messages: OperatorMessage[];
  hasOlderMessages: boolean;
  mode?: ConversationMode;
  waitingSince?: number;
  assigneeName?: string;
  /** Whether the caller holds it (mode `human`, assigned to them). */
  assignedToMe?: boolean;
  /** Where an operator's unseen reply is emailed to the visitor. */
  contactEmail?: string;
}

/** What the visitor is doing now (`inbox:visitorActivity`); times in ms: compare with the clock. */
export interface VisitorActivity {
  /** The visitor is typing until then. */
  typingUntil?: number;
  /** The visitor's page is open (as of the query), until `onPageUntil` unless a heartbeat extends it. */
  onPage: boolean;
  onPageUntil?: number;
  lastSeenAt?: number;
  operatorTypingUntil?: number;
  operatorTypingName?: string;
}

/** The fields of a site's abuse limits (`sites.limits`, convex/lib/limitsConfig.ts), in the form's order. */
export const SITE_LIMIT_NAMES = [
  "visitorMessagesPerMinute",
  "visitorBurst",
  "siteMessagesPerMinute",
  "siteSignInsPerMinute",
  "maxMessagesPerConversation",
  "maxConversationsPerVisitor",
] as const;
export type SiteLimitName = (typeof SITE_LIMIT_NAMES)[number];

/** A site's abuse limits; an unset one takes the deployment's default. */
export type SiteLimits = Partial<Record<SiteLimitName, number>>;

/** The model settings of a site. */
export interface ModelSettings {
  model?: string;
  temperature?: number;
  maxOutputTokens?: number;
}

/** `siteSettings:get` (owners). */
export interface SiteSettings {
  siteKey: string;
  name: string;
  greeting?: string;
  assistantName?: string;
  accentColor?: string;
  /** Questions offered as buttons in an empty conversation (at most 4, each at most 80 characters). */
  suggestedQuestions?: string[];
  systemPrompt?: string;
  model?: ModelSettings;
  allowedOrigins: string[];
  limits?: SiteLimits;
  enabled: boolean;
  /** Whether visitors may ask for a person ("Talk to a person"). */
  humanHandoff: boolean;
  hasIdentitySecret: boolean;
}

/** What `siteSettings:update` takes besides the site key. */
export type SiteSettingsChange = Partial<Omit<SiteSettings, "siteKey" | "hasIdentitySecret">>;

/** A pending invitation (`invitations:list`). */
export interface Invitation {
  invitationId: string;
  email: string;
  role: OperatorRole;
  createdAt: number;
  expiresAt: number;
}

/** A member of a site's team (`operators:list`). */
export interface TeamMember {
  operatorId: string;
  email: string;
  displayName: string;
  role: OperatorRole;
  isMe: boolean;
}

export const inboxApi = {
  mySites: makeFunctionReference<"query", Record<string, never>, OperatorSite[]>("inbox:mySites"),
  listConversations: makeFunctionReference<
    "query",
    { siteKey: string; filter: InboxFilter; paginationOpts: PaginationOptions },
    PaginationResult<InboxRow>
  >("inbox:listConversations"),
  getConversation: makeFunctionReference<"query", { conversationId: string }, OperatorConversation>("inbox:getConversation"),
  listMessages: makeFunctionReference<
    "query",
    { conversationId: string; paginationOpts: PaginationOptions },
    PaginationResult<OperatorMessage>
  >("inbox:listMessages"),
  getStreamBody: makeFunctionReference<"query", { conversationId: string; streamId: string }, StreamBody>("inbox:getStreamBody"),
  streamChunksAfter: makeFunctionReference<"query", { conversationId: string; streamId: string; offset: number }, StreamTail>(
    "inbox:streamChunksAfter",
  ),
  streamTail: makeFunctionReference<"query", { conversationId: string; streamId: string }, NewestChunk>("inbox:streamTail"),
  markRead: makeFunctionReference<"mutation", { conversationId: string }, null>("inbox:markRead"),
  search: makeFunctionReference<"query", { siteKey: string; query: string }, InboxRow[]>("inbox:search"),
  /** The caller answers from now on: mode `human`, assigned to them, "<name> joined"; stops an AI reply being written. */
  takeOver: makeFunctionReference<"mutation", { conversationId: string }, null>("inbox:takeOver"),
  /** The caller's message to the visitor (takes the conversation over first when nobody holds it). */
  reply: makeFunctionReference<"mutation", { conversationId: string; text: string }, { messageId: string }>("inbox:reply"),
  /** Back to the AI: mode `ai`, unassigned, "<name> left". */
  handBack: makeFunctionReference<"mutation", { conversationId: string }, null>("inbox:handBack"),
  resolve: makeFunctionReference<"mutation", { conversationId: string }, null>("inbox:resolve"),
  reopen: makeFunctionReference<"mutation", { conversationId: string }, null>("inbox:reopen"),
  /** The caller is typing (throttled by the caller to one write per ~2 s) or stopped. */
  setTyping: makeFunctionReference<"mutation", { conversationId: string; typing: boolean }, null>("inbox:setTyping"),
  /** The console is open on the site (every ~20 s; `away` while the tab is hidden). */
  heartbeat: makeFunctionReference<"mutation", { siteKey: string; away?: boolean }, null>("inbox:heartbeat"),
  visitorActivity: makeFunctionReference<"query", { conversationId: string }, VisitorActivity>("inbox:visitorActivity"),
};

export const siteSettingsApi = {
  get: makeFunctionReference<"query", { siteKey: string }, SiteSettings>("siteSettings:get"),
  update: makeFunctionReference<"mutation", { siteKey: string } & SiteSettingsChange, null>("siteSettings:update"),
  rotateIdentitySecret: makeFunctionReference<"mutation", { siteKey: string }, { secret: string }>("siteSettings:rotateIdentitySecret"),
};

export const invitationsApi = {
  create: makeFunctionReference<"mutation", { siteKey: string; email: string; role: OperatorRole }, { code: string; expiresAt: number }>(
    "invitations:create",
  ),
  list: makeFunctionReference<"query", { siteKey: string }, Invitation[]>("invitations:list"),
  revoke: makeFunctionReference<"mutation", { invitationId: string }, null>("invitations:revoke"),
  redeem: makeFunctionReference<"mutation", { code: string }, { siteKey: string; role: OperatorRole }>("invitations:redeem"),
};

export const operatorsApi = {
  list: makeFunctionReference<"query", { siteKey: string }, TeamMember[]>("operators:list"),
  remove: makeFunctionReference<"mutation", { operatorId: string }, null>("operators:remove"),
};
