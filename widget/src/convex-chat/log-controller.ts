// The message log: the greeting or the messages (replies live while they stream, with their
// actions), then the visitor's messages still on their way; it stays scrolled to the newest unless
// the visitor scrolled up.
import { html, type ReactiveController, type ReactiveControllerHost } from "lit";
import { repeat } from "lit/directives/repeat.js";
import type { MessageDisplay } from "../core/message-display.js";
import type { ChatStrings } from "../core/strings/index.js";
import { renderMessage } from "./message-view.js";
import { renderSuggestions } from "./suggestions-view.js";

/** What the log shows, read on every render. */
export interface LogContent {
  strings: ChatStrings;
  greeting: string;
  /** The messages as displayed (core/message-display.ts), sends on their way last. */
  messages: readonly MessageDisplay[];
  /** The actions under a message (copy, retry). */
  actions: (message: MessageDisplay) => unknown;
  /** Questions offered under the greeting of an empty conversation, and what a click does. */
  suggestions?: { questions: readonly string[]; pick: (question: string) => void };
  /** First in the log, above the messages: what loads older ones (older-messages-controller.ts). */
  top?: unknown;
}

/** Within this many pixels of the bottom, the log counts as scrolled to the newest message. */
const STICKY_PX = 24;

/**
 * @example
 * private log = new LogController(this);
 * render() { return html`${this.log.render({ strings, greeting, messages, actions })}`; }
 */
export class LogController implements ReactiveController {
  private stickToBottom = true;

  constructor(private readonly host: ReactiveControllerHost & { renderRoot: ParentNode }) {
    host.addController(this);
  }

  /** Scrolls to the newest message from now on (the visitor just sent one). */
  follow(): void {
    this.stickToBottom = true;
  }

  hostUpdated(): void {
    const log = this.host.renderRoot.querySelector(".log");
    if (log && this.stickToBottom) log.scrollTop = log.scrollHeight;
  }

  // The log does not speak itself (it would read every token); the polite region after the panel
  // announces replies sentence by sentence (ShellController). aria-busy marks the log changing.
  render({ strings: t, greeting, messages, actions, suggestions, top }: LogContent) {
    const labels = { copy: t.copy, copied: t.copied, copyFailed: t.copyFailed, image: t.imageNotLoaded };
    return html`<div part="log" class="log" role="log" aria-live="off" aria-label=${t.conversationLabel} tabindex="0"
      aria-busy=${messages.some((m) => m.stoppable) ? "true" : "false"} @scroll=${this.onScroll}>
      ${top}${messages.length === 0
        ? html`<p part="greeting" class="greeting">${greeting}</p>${renderSuggestions(suggestions?.questions ?? [], t.suggestions, (q) => suggestions?.pick(q))}`
        : repeat(messages, (m) => m.key, (m) => html`${renderMessage(m, labels)}${actions(m)}`)}
    </div>`;
  }

  private readonly onScroll = (event: Event): void => {
    const log = event.target as HTMLElement;
    this.stickToBottom = log.scrollHeight - log.scrollTop - log.clientHeight < STICKY_PX;
  };
}
