// The console's public API (a separate entry from index.ts: the visitor's bundle carries none of
// it). Importing it registers nothing; import "./define-console.js" for that.
export { ConvexChatConsole } from "./console/convex-chat-console.js";
export { ConvexChatSignInEvent } from "./events/convex-chat-sign-in.js";
export { ConvexChatSignOutEvent } from "./events/convex-chat-sign-out.js";
export { ConvexChatSiteChangeEvent } from "./events/convex-chat-site-change.js";
export { ConvexChatConversationOpenEvent } from "./events/convex-chat-conversation-open.js";
export { getConsoleDeployment, releaseConsoleDeployment, type ConsoleDeploymentOptions } from "./core/console-deployment.js";
export { OperatorSession, type OperatorAuthState, type PasswordCredentials } from "./core/operator-session.js";
export { resolveConsoleStrings, consoleLanguages, type ConsoleStrings } from "./core/strings/console/index.js";
export type * from "./core/operator-api.js";
