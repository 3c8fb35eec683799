// `convex-chat/react/console`: <convex-chat-console> as a React component (@lit/react), apart from
// `convex-chat/react` so that an app showing visitors the chat bundles none of the console.
// Importing it registers the element (define-console.ts): browser only, like the chat's wrapper.
import * as React from "react";
import { createComponent, type EventName } from "@lit/react";
import { ConvexChatConsole as ConvexChatConsoleElement, consoleTagName } from "../define-console.js";
import type { ConvexChatSignInEvent } from "../events/convex-chat-sign-in.js";
import type { ConvexChatSignOutEvent } from "../events/convex-chat-sign-out.js";
import type { ConvexChatSiteChangeEvent } from "../events/convex-chat-site-change.js";
import type { ConvexChatConversationOpenEvent } from "../events/convex-chat-conversation-open.js";

/** The React prop of each event the console fires. */
export const convexChatConsoleEvents = {
  onSignIn: "convex-chat-sign-in" as EventName<ConvexChatSignInEvent>,
  onSignOut: "convex-chat-sign-out" as EventName<ConvexChatSignOutEvent>,
  onSiteChange: "convex-chat-site-change" as EventName<ConvexChatSiteChangeEvent>,
  onConversationOpen: "convex-chat-conversation-open" as EventName<ConvexChatConversationOpenEvent>,
};

/**
 * `<convex-chat-console>` for React.
 *
 * @example
 * <ConvexChatConsole convexUrl="https://NAME.convex.cloud" siteKey="shop"
 *   onSiteChange={(event) => setSite(event.siteKey)} />
 */
export const ConvexChatConsole = createComponent({
  react: React,
  tagName: consoleTagName,
  elementClass: ConvexChatConsoleElement,
  events: convexChatConsoleEvents,
  displayName: "ConvexChatConsole",
});

/** The props `ConvexChatConsole` takes. */
export type ConvexChatConsoleProps = React.ComponentProps<typeof ConvexChatConsole>;
export type { ConvexChatConsoleElement };
