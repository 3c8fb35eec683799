// The package's public API. Importing it registers nothing; import "./define.js" for that.
export { ConvexChat } from "./convex-chat/convex-chat.js";
export { ConvexChatReadyEvent } from "./events/convex-chat-ready.js";
export { ConvexChatOpenEvent } from "./events/convex-chat-open.js";
export { ConvexChatCloseEvent } from "./events/convex-chat-close.js";
export { ConvexChatSendEvent } from "./events/convex-chat-send.js";
export { ConvexChatReplyStartEvent } from "./events/convex-chat-reply-start.js";
export { ConvexChatReplyEndEvent } from "./events/convex-chat-reply-end.js";
export { ConvexChatErrorEvent, type ConvexChatErrorSource } from "./events/convex-chat-error.js";
export { getDeployment, releaseDeployment, closeDeployment, deriveSiteUrl, type DeploymentOptions } from "./core/deployment.js";
export { ReplyStream, type ReplyStreamOptions } from "./core/reply-stream.js";
export { AuthSession, type AuthState } from "./core/auth-session.js";
export type { ChatMessage, StreamBody, StreamStatus, SendResult } from "./core/api.js";
export { resolveStrings, builtInLanguages, type ChatStrings } from "./core/strings/index.js";
export { SentenceReader } from "./core/announcer.js";
