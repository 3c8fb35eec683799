// `convex-chat/react`: <convex-chat> as a React component (@lit/react). Importing it registers the
// element (define.ts), so it runs in the browser only: in Next.js, import it from a client component
// loaded with `dynamic(..., { ssr: false })` (docs/frameworks.md).
//
// Props are the element's properties, set as properties (objects such as `strings` or `identity`
// pass as they are); `isOpen` is the floating panel's state (`open` is the element's method).
// `on*` props listen to the element's `convex-chat-*` events, typed with their classes.
import * as React from "react";
import { createComponent, type EventName } from "@lit/react";
import { ConvexChat as ConvexChatElement, tagName } from "../define.js";
import type { ConvexChatReadyEvent } from "../events/convex-chat-ready.js";
import type { ConvexChatOpenEvent } from "../events/convex-chat-open.js";
import type { ConvexChatCloseEvent } from "../events/convex-chat-close.js";
import type { ConvexChatSendEvent } from "../events/convex-chat-send.js";
import type { ConvexChatReplyStartEvent } from "../events/convex-chat-reply-start.js";
import type { ConvexChatReplyEndEvent } from "../events/convex-chat-reply-end.js";
import type { ConvexChatErrorEvent } from "../events/convex-chat-error.js";

/** The React prop of each event the element fires. */
export const convexChatEvents = {
  onReady: "convex-chat-ready" as EventName<ConvexChatReadyEvent>,
  onOpen: "convex-chat-open" as EventName<ConvexChatOpenEvent>,
  onClose: "convex-chat-close" as EventName<ConvexChatCloseEvent>,
  onSend: "convex-chat-send" as EventName<ConvexChatSendEvent>,
  onReplyStart: "convex-chat-reply-start" as EventName<ConvexChatReplyStartEvent>,
  onReplyEnd: "convex-chat-reply-end" as EventName<ConvexChatReplyEndEvent>,
  onError: "convex-chat-error" as EventName<ConvexChatErrorEvent>,
};

/**
 * `<convex-chat>` for React. A `ref` gives the element, for its methods (`open()`, `send()`…).
 *
 * @example
 * <ConvexChat convexUrl="https://NAME.convex.cloud" siteKey="shop" mode="floating"
 *   onReplyEnd={(event) => console.log(event.status, event.text)} />
 */
export const ConvexChat = createComponent({
  react: React,
  tagName,
  elementClass: ConvexChatElement,
  events: convexChatEvents,
  displayName: "ConvexChat",
});

/** The props `ConvexChat` takes. */
export type ConvexChatProps = React.ComponentProps<typeof ConvexChat>;
export type { ConvexChatElement };
