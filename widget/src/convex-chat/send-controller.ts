// Sending: the composer's draft and state, the outbox that holds sends until the server confirms
// them (a reload sends them again), what a refusal does (the text returns, the reason shows), and
// the actions on replies that send or stop (Retry, Stop; Copy rides along).
import type { ReactiveControllerHost } from "lit";
import { OutboxController } from "../controllers/outbox-controller.js";
import { chatApi, type ChatMessage, type SendResult } from "../core/api.js";
import { visitorContext } from "../core/visitor-context.js";
import type { ChatError } from "../core/errors.js";
import type { UnconfirmedSend } from "../core/message-display.js";
import { outboxStorageKey, type SendOutcome, type SendRequest } from "../core/outbox.js";
import { storageNamespace } from "../core/storage.js";
import type { ChatStrings } from "../core/strings/index.js";
import { ConvexChatErrorEvent } from "../events/convex-chat-error.js";
import { ConvexChatSendEvent } from "../events/convex-chat-send.js";
import { ComposerController, type ComposerContext } from "./composer-controller.js";
import type { ConversationController } from "./conversation-controller.js";
import { ReplyActionsController } from "./reply-actions-controller.js";
import type { Session } from "./session-controller.js";

/** What sending reads from the rest of the chat, on every use. */
export interface SendContext {
  strings: ChatStrings;
  placeholder: string;
  siteKey: string;
  /** A message is about to be shown: the log follows it down. */
  onSubmit: () => void;
  /** The visitor changed the draft. */
  onType?: (text: string) => void;
  /** The deployment cannot be reached now. */
  offline?: boolean;
}

/** The element: sending opens its panel. */
export interface SendHost extends ReactiveControllerHost, HTMLElement {
  open(): void;
}

const withCode = (error: ChatError) => Object.assign(new Error(error.message), { code: error.code });

/**
 * Owns the composer, the outbox and the reply actions for a Lit host (it has no lifecycle of its
 * own: they do).
 *
 * @example
 * private sender = new SendController(this, this.session, this.conversation, () => ({ strings, ... }));
 * send(text: string) { return this.sender.send(text); }
 */
export class SendController {
  /** The composer (draft, Send/Stop, status line). */
  readonly composer: ComposerController;
  /** Copy, Retry and Stop. */
  readonly replyActions: ReplyActionsController;
  private readonly outbox: OutboxController;
  /** The reply this element last asked for, by a send or a regeneration (see awaitingList). */
  private lastSent: Pick<SendResult, "conversationId" | "streamId"> | undefined;

  constructor(
    private readonly host: SendHost,
    private readonly session: Session,
    private readonly conversation: ConversationController,
    private readonly context: () => SendContext,
  ) {
    this.outbox = new OutboxController(
      host,
      () => this.outboxSource(),
      (outcome) => this.onReplayed(outcome),
    );
    this.composer = new ComposerController(
      host,
      () => this.composerContext(),
      () => void this.sendDraft(),
    );
    this.replyActions = new ReplyActionsController(host, () => ({
      strings: this.context().strings,
      client: this.session.deployment?.client,
      resend: (text: string) => this.send(text),
      regenerate: (replyId: string) => this.regenerate(replyId),
      canSend: this.composer.blockFor("?") === undefined,
      onStopError: (error: ChatError) => this.onStopError(error),
    }));
  }

  /** The sends to draw as "sending" in the shown conversation. */
  sending(messages: readonly ChatMessage[]): UnconfirmedSend[] {
    return this.outbox.sending(this.conversation.id ?? null, new Set(messages.map((m) => m._id)));
  }

  /** The host's `send(text)`: opens the panel, waits for the sign-in, rejects with the reason. */
  async send(text: string): Promise<void> {
    this.host.open();
    await this.whenSignedIn();
    const block = this.composer.blockFor(String(text ?? ""));
    if (block) {
      const error = this.composer.blockError(block, String(text ?? ""));
      this.host.dispatchEvent(new ConvexChatErrorEvent("send", error.message, error.code));
      throw withCode(error);
    }
    await this.submit(String(text), false);
  }

  /**
   * Generates the newest reply `replyId` again (Retry, Regenerate): the server answers the same
   * question with a new reply, which this element drives; the question is not sent again.
   */
  private async regenerate(replyId: string): Promise<void> {
    const client = this.session.deployment?.client;
    const conversationId = this.conversation.id;
    if (!client || !conversationId) throw new Error(this.context().strings.unavailable);
    this.composer.sending = true;
    this.composer.clearError();
    this.context().onSubmit();
    try {
      const reply = await client.mutation(chatApi.regenerateReply, { conversationId, messageId: replyId });
      // Like a send's reply, but no message was sent: no convex-chat-send event.
      this.lastSent = { conversationId, streamId: reply.streamId };
      this.conversation.drive(reply.streamId);
    } catch (error) {
      throw withCode(this.onRefused(undefined, error));
    } finally {
      this.composer.sending = false;
    }
  }

  /** The host's `prefill(text)`: replaces the draft, opens the panel and focuses the field. */
  async prefill(text: string): Promise<void> {
    this.composer.draft = String(text ?? "");
    this.host.open();
    await this.host.updateComplete;
    this.composer.focus();
  }

  /** Shows and reports a reply that could not be stopped. */
  private onStopError(error: ChatError): void {
    const message = this.context().strings.stopFailed(error.message);
    this.composer.showError({ message, code: error.code });
    this.host.dispatchEvent(new ConvexChatErrorEvent("stop", message, error.code));
  }

  // A message sent while the visitor is still being signed in (a slow connection) waits for the
  // sign-in in the composer, shown as sending, and goes then: what was typed never goes nowhere.
  private async sendDraft(): Promise<void> {
    if (this.session.auth?.status === "signing-in") {
      this.composer.sending = true;
      try {
        await this.whenSignedIn();
      } catch {
        return; // The chat could not connect: the banner says why; the text stays in the field.
      } finally {
        this.composer.sending = false;
      }
    }
    await this.submit(this.composer.draft, true).catch(() => undefined);
  }

  private async submit(text: string, fromComposer: boolean): Promise<void> {
    const store = this.conversation.store;
    if (!store) throw new Error(this.context().strings.unavailable);
    this.composer.sending = true;
    this.composer.clearError();
    // The text moves to the log, shown as sending until the server confirms it.
    if (fromComposer) this.composer.draft = "";
    this.context().onSubmit();
    try {
      const from = store.value;
      this.onSent(await this.outbox.send(text, from), from);
    } catch (error) {
      throw withCode(this.onRefused(fromComposer ? text : undefined, error));
    } finally {
      this.composer.sending = false;
    }
  }

  /** Resolves once the visitor is signed in; rejects when the chat cannot connect. */
  private async whenSignedIn(): Promise<void> {
    await this.host.updateComplete;
    const strings = () => this.context().strings;
    for (;;) {
      const deployment = this.session.deployment;
      const unavailable = (message: string) => withCode({ code: "UNAVAILABLE", message });
      if (!deployment) throw unavailable(this.session.error ?? strings().unavailable);
      const state = deployment.auth.state;
      if (state.value.status === "signed-in") return;
      if (state.value.status === "error") throw unavailable(strings().connectError(state.value.message));
      await new Promise<void>((resolve) => {
        const unsubscribe = state.subscribe(() => (unsubscribe(), resolve()));
      });
    }
  }

  /**
   * Whether the reply to the message this element last sent is on its way but not listed yet (the
   * server accepted the message; the conversation's listing lags behind).
   */
  private awaitingList(messages: readonly ChatMessage[] = this.conversation.messages): boolean {
    const sent = this.lastSent;
    return !!sent?.streamId && sent.conversationId === this.conversation.id && !messages.some((m) => m.streamId === sent.streamId);
  }

  private composerContext(): ComposerContext {
    const { strings, placeholder, onType, offline } = this.context();
    const auth = this.session.auth?.status;
    const messages = this.conversation.messages;
    // Between the server accepting a message and the conversation listing its reply, the reply
    // is already on its way: Stop is offered from the moment of sending.
    const sent = this.lastSent;
    const awaitingList = this.awaitingList(messages);
    const replying = awaitingList || this.conversation.replyInProgress(messages);
    return {
      strings,
      placeholder,
      onType,
      offline,
      session: auth === "signed-in" ? "signed-in" : auth === "signing-in" && !this.session.error ? "signing-in" : "unavailable",
      // The messages as they are when Stop is pressed, not as rendered; the reply just sent if unlisted.
      stop: replying
        ? () =>
            void this.replyActions.stop(this.conversation.unfinishedStreamIds(), awaitingList ? (sent?.streamId ?? undefined) : undefined)
        : undefined,
      stopping:
        (awaitingList && this.replyActions.isStopping(sent?.streamId ?? undefined)) ||
        this.conversation.unfinishedStreamIds(messages).some((streamId) => this.replyActions.isStopping(streamId)),
    };
  }

  // `from`: the conversation shown when the message was sent. A confirmation that comes back after
  // the visitor switched to another conversation (a slow server) must not switch them back.
  private onSent(result: SendResult, from: string | null): void {
    const store = this.conversation.store;
    if (store && store.value === from) store.set(result.conversationId);
    this.driveReply(result);
    this.host.dispatchEvent(new ConvexChatSendEvent(result.conversationId, result.streamId));
  }

  // Refused (too long, rate limited…): never sent again; the visitor's text returns to the composer
  // (a host's send() gets the reason instead).
  private onRefused(text: string | undefined, error: unknown): ChatError {
    const draft = this.composer.draft;
    if (text !== undefined) this.composer.draft = draft.trim() ? `${text}\n${draft}` : text;
    const reason = this.composer.fail(error);
    this.host.dispatchEvent(new ConvexChatErrorEvent("send", reason.message, reason.code));
    return reason;
  }

  // A send a previous page left unconfirmed has been sent again (same client id: one message).
  private onReplayed(outcome: SendOutcome): void {
    if (outcome.kind === "refused") return void this.onRefused(outcome.send.text, outcome.cause);
    const store = this.conversation.store;
    if (outcome.send.conversationId === null && store?.value === null) store.set(outcome.result.conversationId);
    this.driveReply(outcome.result);
  }

  // The reply prepared for the message; without one (it was sent while a reply was written), the
  // next reply, once the server creates it. (A message a person answers gets none: nothing comes.)
  private driveReply(result: SendResult): void {
    if (result.streamId) {
      this.lastSent = result;
      this.conversation.drive(result.streamId);
    } else {
      this.conversation.driveReplyTo(result.userMessageId);
    }
  }

  private outboxSource() {
    const deployment = this.session.deployment;
    if (!deployment) return undefined;
    return {
      client: deployment.client,
      storage: deployment.storage,
      storageKey: outboxStorageKey(storageNamespace(deployment.url), this.context().siteKey, this.conversation.key),
      signedIn: this.session.signedIn,
      request: (request: SendRequest) =>
        deployment.client.mutation(chatApi.sendMessage, { ...request, siteKey: this.context().siteKey, context: visitorContext() }),
    };
  }
}
