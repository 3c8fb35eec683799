// The package's public API. Importing it registers nothing; import "./define.js" for that.
export { ConvexChat } from "./convex-chat/convex-chat.js";
export { ConvexChatReadyEvent } from "./events/convex-chat-ready.js";
export { ConvexChatSendEvent } from "./events/convex-chat-send.js";
export { ConvexChatReplyEvent } from "./events/convex-chat-reply.js";
export { ConvexChatErrorEvent, type ConvexChatErrorSource } from "./events/convex-chat-error.js";
export { getDeployment, releaseDeployment, closeDeployment, deriveSiteUrl, type DeploymentOptions } from "./core/deployment.js";
export { ReplyStream, type ReplyStreamOptions } from "./core/reply-stream.js";
export { AuthSession, type AuthState } from "./core/auth-session.js";
export type { ChatMessage, StreamBody, StreamStatus, SendResult } from "./core/api.js";
