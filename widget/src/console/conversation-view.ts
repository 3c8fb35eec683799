// The conversation pane: visitor context, then the transcript. The visitor's words are text
// nodes; the AI's are rendered by the widget's safe markdown renderer, growing while written.
import { html, nothing } from "lit";
import { repeat } from "lit/directives/repeat.js";
import { isFinal } from "../core/api.js";
import type { OperatorConversation, OperatorMessage } from "../core/operator-api.js";
import type { ConsoleStrings } from "../core/strings/console/index.js";
import { longTime } from "../core/time-format.js";
import { markdown } from "../convex-chat/markdown-view.js";
import type { ConversationAction, OperatorHandoffController } from "./handoff-controller.js";
import type { TranscriptController } from "./transcript-controller.js";

export interface ConversationViewInput {
  strings: ConsoleStrings;
  lang: string;
  transcript: TranscriptController;
  handoff: OperatorHandoffController;
  /** Shown when the list and the conversation do not fit side by side. */
  onBack: () => void;
}

/** Who wrote a message: its `author`, else its role (messages from before authors existed). */
function authorOf(message: OperatorMessage): NonNullable<OperatorMessage["author"]> {
  return message.author ?? (message.role === "user" ? "visitor" : "ai");
}

function renderMessage(message: OperatorMessage, transcript: TranscriptController, t: ConsoleStrings) {
  const author = authorOf(message);
  // "Alex joined", "Resolved": a line about the conversation, not a message.
  if (author === "system") return html`<p class="system-line" part="system-line">${message.content}</p>`;
  const { text, status, error } = transcript.body(message);
  const inProgress = !isFinal(status);
  const visitor = author === "visitor";
  const speaker = visitor ? t.visitorSays : author === "operator" ? message.authorName || t.operatorFallback : t.aiSays;
  return html`<article class="message ${visitor ? "user" : "assistant"} ${author}" part="message ${author}"
    data-status=${status} aria-busy=${inProgress ? "true" : "false"}>
    <span class="speaker" part="speaker">${speaker}</span>
    ${
      visitor || author === "operator"
        ? html`<p class="text">${text}</p>`
        : html`<div class="text">${markdown(text, inProgress, { copy: t.copy, copied: t.copied, copyFailed: t.copyFailed, image: t.imageNotLoaded })}</div>`
    }
    ${
      status === "error" || status === "timeout"
        ? html`<p class="reply-error" part="reply-error">${message.error ?? error ?? (status === "timeout" ? t.replyTimedOut : t.replyFailed)}</p>`
        : status === "stopped"
          ? html`<p class="reply-note" part="reply-stopped">${t.replyStopped}</p>`
          : nothing
    }
  </article>`;
}

/** Who answers, as words ("The AI", "Waiting for a person", "You", "Alex"). */
function whoAnswers(conversation: OperatorConversation, t: ConsoleStrings): string {
  const mode = conversation.mode ?? "ai";
  if (mode === "waiting") return t.modeWaiting;
  if (mode === "human") return conversation.assignedToMe ? t.modeMine : t.modeHuman(conversation.assigneeName || t.operatorFallback);
  return t.modeAi;
}

function renderContext(conversation: OperatorConversation, handoff: OperatorHandoffController, t: ConsoleStrings, lang: string) {
  const { visitor } = conversation;
  const row = (label: string, value: unknown) => html`<div><dt>${label}</dt><dd>${value ?? t.notKnown}</dd></div>`;
  const onPage = handoff.visitorOnPage;
  return html`<section class="context" part="visitor-context" aria-labelledby="context-heading">
    <h3 id="context-heading" class="visually-hidden">${t.visitorDetails}</h3>
    <dl>
      ${row(t.visitor, visitor.label)}
      <div><dt>${t.onPage}</dt><dd part="visitor-presence" data-on-page=${String(!!onPage)}>
        ${onPage === undefined ? t.notKnown : onPage ? html`<span class="online-dot" aria-hidden="true"></span>${t.onPageNow}` : t.notOnPage}</dd></div>
      ${conversation.contactEmail ? row(t.contactEmail, conversation.contactEmail) : nothing}
      ${visitor.customerId ? row(t.customerId, visitor.customerId) : nothing}
      ${row(t.page, visitor.pageUrl ? html`<span class="url">${visitor.pageUrl}</span>` : undefined)}
      ${row(t.language, visitor.language)}
      ${row(t.firstSeen, longTime(visitor.firstSeenAt, lang))}
      ${row(t.started, longTime(conversation.createdAt, lang))}
    </dl>
  </section>`;
}

/** The buttons that change who answers and whether it is resolved (each one mutation). */
function renderActions(conversation: OperatorConversation, handoff: OperatorHandoffController, t: ConsoleStrings) {
  const mode = conversation.mode ?? "ai";
  const mine = mode === "human" && conversation.assignedToMe;
  const resolved = conversation.status === "resolved";
  const button = (action: ConversationAction, label: string, part: string, primary = false) => html`<button type="button"
    class=${primary ? "" : "quiet"} part=${part} data-action=${action} ?disabled=${handoff.pending !== undefined}
    @click=${() => void handoff.act(action)}>${label}</button>`;
  const failure = handoff.failure && handoff.failure.action !== "reply" ? handoff.failure : undefined;
  return html`<div class="handoff-bar" part="handoff-actions">
    <p class="who" part="mode" data-mode=${mode}><span class="visually-hidden">${t.whoAnswers}: </span>
      <span class="mode-dot ${mode}" aria-hidden="true"></span>${whoAnswers(conversation, t)}</p>
    <div class="actions">
      ${mine ? nothing : button("takeOver", t.takeOver, "take-over-button", true)}
      ${mode === "ai" ? nothing : button("handBack", t.handBack, "hand-back-button")}
      ${resolved ? button("reopen", t.reopen, "reopen-button") : button("resolve", t.resolve, "resolve-button")}
    </div>
    ${failure ? html`<p class="form-error" part="action-error" role="alert">${t.actionFailed(failure.message)}</p>` : nothing}
  </div>`;
}

/** The operator's reply field: Enter sends, Shift+Enter adds a line. */
function renderComposer(conversation: OperatorConversation, handoff: OperatorHandoffController, t: ConsoleStrings) {
  const mine = conversation.mode === "human" && conversation.assignedToMe;
  const failure = handoff.failure?.action === "reply" ? handoff.failure : undefined;
  const onKeydown = (event: KeyboardEvent) => {
    if (event.key !== "Enter" || event.shiftKey || event.isComposing) return;
    event.preventDefault();
    void handoff.sendReply();
  };
  return html`<form class="reply-composer" part="reply-composer" @submit=${(e: SubmitEvent) => (e.preventDefault(), void handoff.sendReply())}>
    <label class="visually-hidden" for="reply-input">${t.replyLabel}</label>
    <textarea id="reply-input" part="reply-input" rows="2" placeholder=${t.replyPlaceholder} aria-describedby="reply-hint"
      .value=${handoff.draft} @input=${(e: Event) => handoff.setDraft((e.target as HTMLTextAreaElement).value)}
      @keydown=${onKeydown}></textarea>
    <button type="submit" part="reply-send-button" ?disabled=${!handoff.canSend}>${t.sendReply}</button>
    ${
      failure
        ? html`<p id="reply-hint" class="form-error hint" part="reply-error" role="alert">${t.replyFailedToSend(failure.message)}</p>`
        : html`<p id="reply-hint" class="hint" part="reply-hint">${mine ? t.replyHint : t.replyTakesOver}</p>`
    }
  </form>`;
}

export function renderConversation({ strings: t, lang, transcript, handoff, onBack }: ConversationViewInput) {
  const conversation = transcript.conversation;
  const error = transcript.error;
  const replying = conversation?.messages.some((m) => m.streamId && !isFinal(transcript.body(m).status)) ?? false;
  return html`<section class="conversation-pane" part="conversation" aria-labelledby="conversation-heading">
    <div class="pane-top">
      <button type="button" class="back quiet" part="back-button" @click=${onBack}>
        <span aria-hidden="true">←</span> ${t.backToInbox}</button>
      <h2 id="conversation-heading" tabindex="-1">${conversation?.title ?? t.loading}</h2>
      ${conversation?.status === "resolved" ? html`<span class="mark" part="resolved-mark">${t.resolved}</span>` : nothing}
    </div>
    ${error ? html`<p class="form-error" part="error" role="alert">${t.failed(error.message)}</p>` : nothing}
    ${
      conversation
        ? html`${renderActions(conversation, handoff, t)}
          ${renderContext(conversation, handoff, t, lang)}
          <div class="transcript" part="transcript" role="log" aria-live="off" aria-label=${t.transcript} tabindex="0"
            aria-busy=${replying ? "true" : "false"}>
            ${
              transcript.hasEarlier
                ? html`<button type="button" class="quiet load-earlier" part="load-earlier-button" ?disabled=${transcript.loadingEarlier}
                  @click=${() => void transcript.loadEarlier()}>${transcript.loadingEarlier ? t.loading : t.loadEarlier}</button>`
                : nothing
            }
            ${transcript.earlierError ? html`<p class="form-error" part="error" role="alert">${t.failed(transcript.earlierError)}</p>` : nothing}
            ${repeat(
              transcript.messages,
              (m) => m._id,
              (m) => renderMessage(m, transcript, t),
            )}
          </div>
          <div class="typing-region" role="status">
            ${handoff.visitorTyping ? html`<p class="typing" part="visitor-typing">${t.visitorTyping}</p>` : nothing}
          </div>
          ${renderComposer(conversation, handoff, t)}`
        : nothing
    }
  </section>`;
}

/** The conversation pane before one is chosen. */
export function renderNoConversation(t: ConsoleStrings) {
  return html`<section class="conversation-pane placeholder" part="conversation"><p class="empty">${t.selectConversation}</p></section>`;
}
