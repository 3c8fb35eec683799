// `convex-chat/core`: the framework-free API (no Lit, no element, nothing registered on import), for
// a client of the chat written with another framework or none. It is what <convex-chat> and
// <convex-chat-console> are built on: one ConvexClient per deployment, the visitor's and the
// operator's Convex Auth sessions, the reply reader, the safe markdown renderer and the strings.

// The deployment contract (convex/chat.ts, Convex Auth) as function references and types.
export {
  chatApi,
  authApi,
  isFinal,
  MAX_MESSAGE_LENGTH,
  type StreamStatus,
  type ChatMessage,
  type StreamBody,
  type SendResult,
  type ConversationSummary,
  type SiteProfile,
  type AuthTokens,
} from "./api.js";
export { inboxApi, siteSettingsApi, invitationsApi, operatorsApi } from "./operator-api.js";
export type * from "./operator-api.js";

// Visitors: one shared client per deployment, their session, a signed host identity.
export { getDeployment, releaseDeployment, closeDeployment, deriveSiteUrl, Deployment, type DeploymentOptions } from "./deployment.js";
export { AuthSession, type AuthState, type AuthSessionOptions } from "./auth-session.js";
export { parseHostIdentity, type HostIdentity } from "./host-identity.js";
export { parseStorageMode, type StorageMode, type KeyValueStorage } from "./storage.js";

// Replies: read one as it streams (HTTP for its driver, the database for everyone else).
export { ReplyStream, type ReplyStreamOptions, type StreamRefusal } from "./reply-stream.js";
export { SentenceReader } from "./announcer.js";
export { IncrementalMarkdown, MarkdownRenderer, DEFAULT_MARKDOWN_LABELS, safeUrl, type MarkdownLabels } from "./markdown/index.js";

// Operators: the console's deployment and password session.
export { getConsoleDeployment, releaseConsoleDeployment, ConsoleDeployment, type ConsoleDeploymentOptions } from "./console-deployment.js";
export { OperatorSession, type OperatorAuthState, type PasswordCredentials, type SignInFailure } from "./operator-session.js";

// Texts, with the built-in languages.
export { resolveStrings, builtInLanguages, isRtlLanguage, type ChatStrings } from "./strings/index.js";
export { resolveConsoleStrings, consoleLanguages, type ConsoleStrings } from "./strings/console/index.js";
