// The chat's shell: mode (inline or floating), the launcher and its unread badge, opening and
// closing with focus and events, language/direction, and the live region that reads replies.
// The element keeps its public properties; this keeps their behaviour out of it.
import { html, nothing, type ReactiveController, type ReactiveControllerHost } from "lit";
import { repeat } from "lit/directives/repeat.js";
import { ViewportController } from "../controllers/viewport-controller.js";
import { ReplyAnnouncer, type ShownReply } from "../core/announcer.js";
import { isTouchOnly } from "../core/input-mode.js";
import { isRtlLanguage, resolveStrings, type ChatStrings } from "../core/strings/index.js";
import { UnreadCounter } from "../core/unread.js";
import { ConvexChatCloseEvent } from "../events/convex-chat-close.js";
import { ConvexChatOpenEvent } from "../events/convex-chat-open.js";
import { renderLauncher } from "./launcher-view.js";
import { ModalController } from "./modal-controller.js";
import { PageLanguageController } from "./page-language-controller.js";

/** What the shell reads from its element. */
export interface ShellHost extends ReactiveControllerHost, HTMLElement {
  mode: string;
  position: string;
  isOpen: boolean;
  lang: string;
  dir: string;
  strings: Partial<ChatStrings>;
}

/**
 * @example
 * private shell = new ShellController(this, this.attachInternals(), () => this.composer.focus());
 * open() { this.shell.setOpen(true); }
 */
export class ShellController implements ReactiveController {
  /** The strings in force (language + overrides). */
  text: ChatStrings = resolveStrings("en");
  /** Whether the chat lays out right to left. */
  rtl = false;
  /** The language in force: the element's `lang`, the nearest ancestor's, the page's, else `en`. */
  language = "en";
  private languageInputs: unknown[] = [];
  private readonly announcer = new ReplyAnnouncer(() => this.text);
  private readonly unread = new UnreadCounter();
  /** The conversation whose messages are loaded (what the announcer measures arrivals against). */
  private history: string | undefined;
  private readonly viewport: ViewportController;
  private readonly modal: ModalController;
  private readonly page: PageLanguageController;

  constructor(
    private readonly host: ShellHost,
    private readonly internals: ElementInternals,
    private readonly focusComposer: () => void,
  ) {
    host.addController(this);
    this.viewport = new ViewportController(host, () => this.floating && host.isOpen);
    // A later change of the page's lang/dir matters while the element has no own lang or dir.
    this.page = new PageLanguageController(host, () => !host.lang || !host.dir);
    this.modal = new ModalController(
      host,
      () => this.floating && host.isOpen,
      () => host.shadowRoot?.querySelector<HTMLElement>(".panel"),
    );
  }

  // Set through the CSSOM, never as a style attribute: a strict CSP (style-src 'self') refuses those.
  hostUpdated(): void {
    const panel = this.host.shadowRoot?.querySelector<HTMLElement>(".panel");
    const viewport = this.viewport.value;
    if (!panel) return;
    for (const [name, value] of [
      ["--_viewport-height", viewport?.height],
      ["--_viewport-top", viewport?.offsetTop],
    ] as const) {
      if (value === undefined) panel.style.removeProperty(name);
      else panel.style.setProperty(name, `${value}px`);
    }
  }

  get floating(): boolean {
    return this.host.mode === "floating";
  }

  /** Whether the visitor can see the conversation (inline, or the floating panel open). */
  get visible(): boolean {
    return !this.floating || this.host.isOpen;
  }

  /**
   * Call before each render: re-reads the language when its inputs changed, and follows the
   * messages (for the unread badge; undefined while loading).
   */
  sync(conversationId: string | null | undefined, messages: readonly ShownMessageLike[] | undefined): void {
    const { lang, dir, strings, position } = this.host;
    const inputs = [lang, dir, strings, position, this.host.isConnected, this.page.version];
    if (inputs.some((value, i) => value !== this.languageInputs[i])) {
      this.languageInputs = inputs;
      this.applyLanguage();
    }
    this.unread.observe(conversationId, messages, this.visible);
    this.history = conversationId && messages ? conversationId : undefined;
  }

  /** Call before each render, after `sync`, with the replies as shown (for the live region). */
  announce(replies: readonly ShownReply[]): void {
    this.announcer.observe(replies, this.visible, this.history);
  }

  /** Whether the open panel covers the screen (narrow screens) and so is a modal dialog. */
  get isModal(): boolean {
    return this.modal.value;
  }

  /** Opens or closes the floating panel, fires the event, and moves focus (no-op inline or unchanged). */
  setOpen(open: boolean): void {
    if (!this.floating || open === this.host.isOpen) return;
    // Focus returns to the launcher only from inside the chat: a host page's close() must not steal it.
    const focusWasInside = !!this.host.shadowRoot?.activeElement;
    this.host.isOpen = open;
    this.host.dispatchEvent(open ? new ConvexChatOpenEvent() : new ConvexChatCloseEvent());
    void this.host.updateComplete.then(() => {
      // On a touch-only device focusing the field would pop the keyboard over the page: focus the
      // panel instead (screen readers start there; a tap on the field brings the keyboard).
      if (open && isTouchOnly()) this.host.shadowRoot?.querySelector<HTMLElement>(".panel")?.focus();
      else if (open) this.focusComposer();
      else if (focusWasInside) this.host.shadowRoot?.querySelector<HTMLElement>(".launcher")?.focus();
    });
  }

  /** Escape anywhere in the open floating chat closes it; Tab stays inside a modal panel. */
  readonly onKeydown = (event: KeyboardEvent): void => {
    this.modal.onKeydown(event);
    if (event.key !== "Escape" || event.isComposing || !this.floating || !this.host.isOpen) return;
    event.preventDefault();
    this.setOpen(false);
  };

  renderLauncher() {
    if (!this.floating) return nothing;
    const { isOpen } = this.host;
    return renderLauncher({ open: isOpen, unread: this.unread.count, strings: this.text, onToggle: () => this.setOpen(!isOpen) });
  }

  /** The polite live region: a reply started, then its sentences (the log itself stays silent). */
  renderAnnouncer() {
    return html`<div class="visually-hidden" aria-live="polite">${repeat(
      this.announcer.lines,
      (line) => line.id,
      (line) => html`<p>${line.text}</p>`,
    )}</div>`;
  }

  private applyLanguage(): void {
    const host = this.host;
    const lang = host.lang || host.closest("[lang]")?.getAttribute("lang") || document.documentElement.lang || "en";
    this.language = lang;
    this.text = resolveStrings(lang, host.strings);
    this.rtl = host.dir ? host.dir === "rtl" : isRtlLanguage(lang) || (host.isConnected && getComputedStyle(host).direction === "rtl");
    // The corner is set on the host (a fixed box), which cannot see the inner direction: a host state.
    const left = host.position ? host.position === "left" : this.rtl;
    setCustomState(this.internals, host, "left", left);
  }
}

/**
 * Sets the host attribute `data-state-<name>` (what the styles match) and, where the browser has
 * custom states, state `name` for page styles: Safari < 17.4 and Firefox < 126 have no `states`,
 * and Chrome < 125 accepts only the dashed form (`--name`) and throws on the plain one.
 */
export function setCustomState(internals: ElementInternals, host: HTMLElement, name: string, on: boolean): void {
  host.toggleAttribute(`data-state-${name}`, on);
  const states = (internals as Partial<ElementInternals>).states;
  if (!states) return;
  for (const form of [name, `--${name}`]) {
    try {
      if (!on)
        states.delete(form); // both: whichever form was added
      else return void states.add(form);
    } catch {
      // This browser refuses the form: try the next one (the attribute stands in if none works).
    }
  }
}

interface ShownMessageLike {
  _id: string;
  role: string;
  status?: string;
}
