// The composer: an auto-growing field, a character counter near the limit, Send (and Stop beside
// it while a reply is being written: the visitor may write on meanwhile) and a status line that
// always says why Send is disabled.
import { html, nothing, type ReactiveController, type ReactiveControllerHost } from "lit";
import { createRef, ref } from "lit/directives/ref.js";
import { MAX_MESSAGE_LENGTH } from "../core/api.js";
import { describeError, formatWait, type ChatError } from "../core/errors.js";
import { isTouchOnly } from "../core/input-mode.js";
import type { ChatStrings } from "../core/strings/index.js";

/**
 * Why nothing can be sent right now. `signing-in` is the one that defers rather than refuses: the
 * field takes text while the visitor is signed in, and a message sent then goes once signed in.
 */
export type SendBlock = "unavailable" | "signing-in" | "sending" | "rate-limited" | "empty" | "too-long";

/** What the composer needs to know about the rest of the chat, read on every render. */
export interface ComposerContext {
  strings: ChatStrings;
  placeholder: string;
  session: "signed-in" | "signing-in" | "unavailable";
  /**
   * Stops the replies being written (the Stop button, beside Send); undefined while there is
   * nothing to stop. A message sent meanwhile is answered by the next reply (chat:sendMessage).
   */
  stop: (() => void) | undefined;
  /** A stop was asked for and the server has not confirmed it yet (Stop is disabled). */
  stopping: boolean;
  /** The visitor changed the draft (for the typing indicator a person sees). */
  onType?: (text: string) => void;
  /** The deployment cannot be reached now: what is sent is queued (the status line says so). */
  offline?: boolean;
}

/** The counter shows from this length on. */
export const COUNTER_FROM = Math.floor(MAX_MESSAGE_LENGTH * 0.9);

/** Whether the browser sizes a textarea to its content in CSS (`field-sizing`: Chromium 123+). */
let fieldSizing: boolean | undefined;
const sizesToContent = () => (fieldSizing ??= CSS.supports("field-sizing", "content"));

/** The length the server checks: the message is trimmed before it is stored. */
const sentLength = (text: string) => text.trim().length;

/**
 * Holds the draft, the send state and the last send error for a Lit host, and renders the composer.
 *
 * @example
 * private composer = new ComposerController(this, () => ({ strings, placeholder, session, stop, stopping }),
 *   () => this.sendDraft());
 */
export class ComposerController implements ReactiveController {
  private text = "";
  private inFlight = false;
  private failure: ChatError | undefined;
  private rateLimitedUntil = 0;
  private rateLimitTimer: ReturnType<typeof setInterval> | undefined;
  private readonly field = createRef<HTMLTextAreaElement>();
  /** The text the field's height was last fitted to (where CSS cannot size it: see fitHeight). */
  private fittedTo: string | undefined;
  /** Focus was asked for while the field could not take it (not rendered, or disabled). */
  private focusWanted = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly context: () => ComposerContext,
    private readonly onSend: () => void,
  ) {
    host.addController(this);
  }

  /** The text in the field. */
  get draft(): string {
    return this.text;
  }
  set draft(text: string) {
    this.text = text;
    this.host.requestUpdate();
  }

  /** Whether a message is on its way to the server. */
  get sending(): boolean {
    return this.inFlight;
  }
  set sending(sending: boolean) {
    this.inFlight = sending;
    this.host.requestUpdate();
  }

  /** Why the last send failed (cleared by typing or the next send). */
  get error(): ChatError | undefined {
    return this.failure;
  }

  /** Why `text` cannot be sent now (undefined when it can; `signing-in`: it can, once signed in). */
  blockFor(text: string): SendBlock | undefined {
    const { session } = this.context();
    if (session === "unavailable") return "unavailable";
    if (this.inFlight) return "sending";
    if (Date.now() < this.rateLimitedUntil) return "rate-limited";
    if (sentLength(text) === 0) return session === "signing-in" ? "signing-in" : "empty";
    if (sentLength(text) > MAX_MESSAGE_LENGTH) return "too-long";
    if (session === "signing-in") return "signing-in";
    return undefined;
  }

  /** Whether the visitor may send `text` now: at once, or (while signing in) as soon as signed in. */
  canSend(text: string): boolean {
    const block = this.blockFor(text);
    return block === undefined || (block === "signing-in" && sentLength(text) > 0);
  }

  /** Records a failed send; a rate-limit refusal also disables Send until the server's retry time. */
  fail(error: unknown): ChatError {
    this.failure = describeError(error);
    const { retryAfterMs } = this.failure;
    if (this.failure.code === "RATE_LIMITED" && retryAfterMs) {
      this.rateLimitedUntil = Date.now() + retryAfterMs;
      // Every second, so the notice counts down as the visitor watches; once more at the end.
      clearInterval(this.rateLimitTimer);
      this.rateLimitTimer = setInterval(() => {
        if (Date.now() >= this.rateLimitedUntil) clearInterval(this.rateLimitTimer);
        this.host.requestUpdate();
      }, 1_000);
    }
    this.host.requestUpdate();
    return this.failure;
  }

  /** Shows `error` in the status line (e.g. a reply that could not be stopped). */
  showError(error: ChatError): void {
    this.failure = error;
    this.host.requestUpdate();
  }

  /** Why `block` stops a message, as the error a host's `send()` rejects with. */
  blockError(block: SendBlock, text: string): ChatError {
    const { strings } = this.context();
    const wait = this.waitLeft();
    const errors: Record<SendBlock, ChatError> = {
      unavailable: { code: "UNAVAILABLE", message: strings.unavailable },
      "signing-in": { code: "UNAVAILABLE", message: strings.signingIn },
      sending: { code: "SEND_IN_PROGRESS", message: strings.sending },
      "rate-limited": { code: "RATE_LIMITED", message: strings.rateLimited(wait) },
      empty: { code: "EMPTY_MESSAGE", message: strings.emptyDraft },
      "too-long": { code: "MESSAGE_TOO_LONG", message: strings.tooLong(sentLength(text) - MAX_MESSAGE_LENGTH, MAX_MESSAGE_LENGTH) },
    };
    return errors[block];
  }

  clearError(): void {
    this.failure = undefined;
    this.host.requestUpdate();
  }

  /**
   * Moves focus into the field, the caret after its text; if the field cannot take it yet (the
   * chat is still starting), as soon as it can, unless the visitor has moved focus elsewhere.
   */
  focus(): void {
    const field = this.field.value;
    if (!field || field.disabled) {
      this.focusWanted = true;
      return;
    }
    this.focusWanted = false;
    field.focus();
    field.setSelectionRange(field.value.length, field.value.length);
  }

  /** Forgets a focus asked for earlier (the panel closed meanwhile). */
  cancelFocus(): void {
    this.focusWanted = false;
  }

  hostUpdated(): void {
    this.fitHeight();
    const field = this.field.value;
    if (!this.focusWanted || !field || field.disabled) return;
    // Only if focus is still where the opening left it (nowhere, or in the chat): a visitor who
    // went on to the host page keeps their focus.
    const active = document.activeElement;
    const host = field.getRootNode() instanceof ShadowRoot ? (field.getRootNode() as ShadowRoot).host : undefined;
    if (active === document.body || active === null || active === host) this.focus();
    else this.focusWanted = false;
  }

  hostDisconnected(): void {
    clearInterval(this.rateLimitTimer);
  }

  /** The form and the status line under it. */
  render() {
    const { strings, placeholder, stop, stopping } = this.context();
    const block = this.blockFor(this.text);
    const length = sentLength(this.text);
    // data-session: whether the visitor is signed in yet (the field takes text either way).
    return html`<form part="composer" class="composer" data-session=${this.context().session} @submit=${this.onSubmit}>
        <label class="visually-hidden" for="input">${strings.inputLabel}</label>
        <textarea ${ref(this.field)} id="input" part="input" rows="1" placeholder=${placeholder}
          aria-describedby="status counter" aria-invalid=${block === "too-long" ? "true" : "false"}
          .value=${this.text} ?disabled=${block === "unavailable"}
          @input=${this.onInput} @keydown=${this.onKeydown}></textarea>
        ${
          stop
            ? html`<button part="stop-button" class="stop" type="button" aria-label=${strings.stopReply} ?disabled=${stopping}
              @click=${stop}>${strings.stop}</button>`
            : nothing
        }
        <button part="send-button" type="submit" aria-describedby="status" ?disabled=${!this.canSend(this.text)}>
          ${strings.send}</button>
      </form>
      <div class="composer-footer">
        ${this.renderStatus(block)}
        <span id="counter" part="counter" class="counter ${length > MAX_MESSAGE_LENGTH ? "over" : ""}"
          ?hidden=${length < COUNTER_FROM}>${strings.counter(length, MAX_MESSAGE_LENGTH)}</span>
      </div>`;
  }

  private renderStatus(block: SendBlock | undefined) {
    const { strings } = this.context();
    if (this.failure && block !== "sending") {
      const text = block === "rate-limited" ? strings.rateLimited(this.waitLeft()) : this.failure.message;
      return html`<p id="status" part="status" class="status error" role="alert">${text}</p>`;
    }
    const over = sentLength(this.text) - MAX_MESSAGE_LENGTH;
    const text = {
      unavailable: strings.unavailable,
      "signing-in": strings.signingIn,
      sending: strings.sending,
      "rate-limited": strings.rateLimited(this.waitLeft()),
      // No keyboard shortcuts to mention on a touch-only device.
      empty: isTouchOnly() ? strings.emptyDraftTouch : strings.emptyDraft,
      "too-long": strings.tooLong(over, MAX_MESSAGE_LENGTH),
    }[block ?? "empty"];
    // Offline, sending still works (the message is queued): say that rather than "Sending…".
    const offline = this.context().offline && (block === undefined || block === "empty" || block === "sending");
    const shown = offline ? strings.offlineHint : block === undefined ? (isTouchOnly() ? strings.sendHintTouch : strings.sendHint) : text;
    return html`<p id="status" part="status" class="status ${block === "too-long" ? "error" : ""}">${shown}</p>`;
  }

  /** How long until a rate-limited visitor may send again, as read ("40 s", "2 min"). */
  private waitLeft(): string {
    return formatWait(this.rateLimitedUntil - Date.now());
  }

  // Grows with the text up to the CSS max-height, then scrolls. Where the browser sizes fields to
  // their content (`field-sizing: content`, composer.styles.ts) CSS does it all; elsewhere the height
  // is measured, and only when the text changed: measuring on every update (each streamed token of
  // a reply) forced a layout each time.
  private fitHeight(): void {
    const field = this.field.value;
    if (!field || sizesToContent() || this.fittedTo === field.value) return;
    this.fittedTo = field.value;
    field.style.height = "auto";
    const borders = field.offsetHeight - field.clientHeight;
    field.style.height = `${field.scrollHeight + borders}px`;
  }

  private readonly onInput = (event: InputEvent) => {
    this.text = (event.target as HTMLTextAreaElement).value;
    this.failure = undefined;
    this.context().onType?.(this.text);
    this.host.requestUpdate();
  };

  private readonly onKeydown = (event: KeyboardEvent) => {
    if (event.key !== "Enter" || event.shiftKey || event.isComposing) return;
    event.preventDefault();
    if (this.canSend(this.text)) this.onSend();
  };

  private readonly onSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    if (this.canSend(this.text)) this.onSend();
    this.focus();
  };
}
