// The message log: the greeting or the messages (replies live while they stream, with their
// actions), then the visitor's messages still on their way; it stays scrolled to the newest unless
// the visitor scrolled up, without reading layout on any update (see LogController).
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
 * Keeps the log at its newest message without reading layout on any update (a streamed reply
 * updates many times a second; reading scrollHeight right after writing the DOM forced a layout each
 * time): a ResizeObserver, called once the browser has laid the page out anyway, scrolls to the end
 * when the log or anything in it changed size. Scroll events (at most one a frame, dispatched just
 * before the frame's layout) tell whether the visitor scrolled away from the end.
 *
 * @example
 * private log = new LogController(this);
 * render() { return html`${this.log.render({ strings, greeting, messages, actions })}`; }
 */
export class LogController implements ReactiveController {
  private following = true;
  /** Where the last scroll to the end left the log: a scroll event from there on is not the visitor's. */
  private scrolledTo = 0;
  private log: HTMLElement | null = null;
  private readonly observed = new Set<Element>();
  private resizes: ResizeObserver | undefined;

  constructor(private readonly host: ReactiveControllerHost & { renderRoot: ParentNode }) {
    host.addController(this);
  }

  /** Scrolls to the newest message from now on (the visitor just sent one). */
  follow(): void {
    this.following = true;
  }

  hostUpdated(): void {
    const log = this.host.renderRoot.querySelector<HTMLElement>(".log");
    if (log !== this.log) this.watch(log);
    const resizes = this.resizes;
    if (!log || !resizes) return;
    // What is in the log changes with the messages: watch each child's size (a walk of the list, no layout).
    for (const element of this.observed) {
      if (element !== log && element.parentElement !== log) {
        resizes.unobserve(element);
        this.observed.delete(element);
      }
    }
    for (const child of log.children) {
      if (this.observed.has(child)) continue;
      resizes.observe(child);
      this.observed.add(child);
    }
  }

  hostDisconnected(): void {
    this.watch(null);
  }

  /** Starts watching `log` (the log element rendered now), or stops watching. */
  private watch(log: HTMLElement | null): void {
    this.resizes?.disconnect();
    this.resizes = undefined;
    this.observed.clear();
    this.log = log;
    if (!log) return;
    // Called after layout, before paint: the sizes read here are already known, and the scroll shows at once.
    this.resizes = new ResizeObserver(() => {
      if (!this.following) return;
      log.scrollTop = log.scrollHeight;
      this.scrolledTo = log.scrollTop;
    });
    this.resizes.observe(log);
    this.observed.add(log);
  }

  // The log does not speak itself (it would read every token); the polite region after the panel
  // announces replies sentence by sentence (ShellController). aria-busy marks the log changing.
  render({ strings: t, greeting, messages, actions, suggestions, top }: LogContent) {
    const labels = { copy: t.copy, copied: t.copied, copyFailed: t.copyFailed, image: t.imageNotLoaded };
    return html`<div part="log" class="log" role="log" aria-live="off" aria-label=${t.conversationLabel} tabindex="0"
      aria-busy=${messages.some((m) => m.stoppable) ? "true" : "false"} @scroll=${this.onScroll}>
      ${top}${
        messages.length === 0
          ? html`<p part="greeting" class="greeting">${greeting}</p>${renderSuggestions(suggestions?.questions ?? [], t.suggestions, (q) => suggestions?.pick(q))}`
          : repeat(
              messages,
              (m) => m.key,
              (m) => html`${renderMessage(m, labels)}${actions(m)}`,
            )
      }
    </div>`;
  }

  private readonly onScroll = (event: Event): void => {
    const log = event.target as HTMLElement;
    const top = log.scrollTop;
    // Our own scroll to the end (the reply may have grown since: that is no reason to stop following).
    if (this.following && top >= this.scrolledTo - 1) return;
    this.following = log.scrollHeight - top - log.clientHeight < STICKY_PX;
  };
}
