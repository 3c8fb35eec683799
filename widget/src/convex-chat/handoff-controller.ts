// Human handoff on the visitor's side: follows who answers (`chat:conversationState`), asks for a
// person, keeps the optional contact email, tells operators the visitor is typing (throttled) and
// on the page (a heartbeat), and marks a person's replies read while the chat is visible. What it
// shows is derived by core/handoff-state.ts; handoff-view.ts draws it.
import type { ConvexClient } from "convex/browser";
import type { ReactiveController, ReactiveControllerHost } from "lit";
import { DeadlineController } from "../controllers/deadline-controller.js";
import { FollowController } from "../controllers/follow-controller.js";
import { QueryController } from "../controllers/query-controller.js";
import { chatApi, type ChatMessage } from "../core/api.js";
import { describeError, type ChatError } from "../core/errors.js";
import { handoffView, isEmailLike, type HandoffView } from "../core/handoff-state.js";
import type { ChatStrings } from "../core/strings/index.js";
import { TypingSignal } from "../core/typing-signal.js";
import { ConvexChatErrorEvent } from "../events/convex-chat-error.js";

/** The visitor's page is open: operators see them "on the page" (the server keeps it 60 s). */
export const VISITOR_HEARTBEAT_MS = 20_000;

/** What the handoff reads from the chat, on every use. */
export interface HandoffContext {
  client: ConvexClient | undefined;
  siteKey: string;
  /** The shown conversation (null before the first message, undefined while unknown). */
  conversationId: string | null | undefined;
  /** Makes `id` the shown conversation (asking for a person may start one). */
  setConversation: (id: string) => void;
  strings: ChatStrings;
  /** Whether the visitor can see the conversation now. */
  visible: boolean;
  messages: readonly ChatMessage[];
  /** Whether the site offers a person, when known before any conversation exists. */
  siteOffers: boolean | undefined;
  /** Shows why asking for a person failed (the composer's status line). */
  showError: (error: ChatError) => void;
}

/**
 * @example
 * private handoff = new HandoffController(this, () => ({ client, siteKey, conversationId, ... }));
 * render() { return renderHandoff(this.handoff, strings); }
 */
export class HandoffController implements ReactiveController {
  /** The email as typed, while the field is shown. */
  emailDraft = "";
  /** Whether a kept email is being changed. */
  editingEmail = false;
  /** Why the email was refused (the field's check, or the server's). */
  emailError: string | undefined;
  savingEmail = false;
  /** Asking for a person is on its way. */
  asking = false;
  /** Why asking for a person failed. */
  askError: ChatError | undefined;
  /** The site refused a person (`HANDOFF_DISABLED`): no more offers. */
  private refused = false;
  private readonly state: QueryController<typeof chatApi.conversationState>;
  private readonly typingSignal = new TypingSignal((typing) => this.writeTyping(typing));
  private markedRead: string | undefined;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly context: () => HandoffContext,
  ) {
    host.addController(this);
    this.state = new QueryController(host, () => {
      const { client, conversationId } = this.context();
      return client && conversationId ? { client, query: chatApi.conversationState, args: { conversationId } } : undefined;
    });
    new DeadlineController(host, () => this.view.deadlines);
    // While a conversation is shown, its page is open: a heartbeat now and every 20 s.
    new FollowController(host, {
      input: () => {
        const { client, conversationId } = this.context();
        return client && conversationId ? { client, conversationId } : undefined;
      },
      key: ({ client, conversationId }) => [client, conversationId],
      start: ({ client, conversationId }) => {
        const beat = () => void client.mutation(chatApi.heartbeat, { conversationId }).catch(() => undefined);
        beat();
        const timer = setInterval(beat, VISITOR_HEARTBEAT_MS);
        return () => clearInterval(timer);
      },
    });
  }

  /** What the chat shows about who answers, now. */
  get view(): HandoffView {
    const { conversationId, siteOffers, strings } = this.context();
    const view = handoffView(conversationId ? this.state.value : undefined, Date.now(), siteOffers, strings.someone);
    return this.refused ? { ...view, offer: false } : view;
  }

  /** The draft changed: tells the person answering (or awaited) that the visitor types. */
  typed(text: string): void {
    this.typingSignal.input(text);
  }

  /** A message was sent: the server cleared the typing mark. */
  sent(): void {
    this.typingSignal.sent();
  }

  /** "Talk to a person": the conversation waits for one (a conversation starts if none exists). */
  async askForPerson(): Promise<void> {
    const { client, siteKey, conversationId, setConversation, strings, showError } = this.context();
    if (!client || this.asking) return;
    this.asking = true;
    this.askError = undefined;
    this.host.requestUpdate();
    try {
      const result = await client.mutation(chatApi.requestHuman, { siteKey, conversationId: conversationId ?? undefined });
      setConversation(result.conversationId);
    } catch (error) {
      const reason = describeError(error);
      if (reason.code === "HANDOFF_DISABLED") this.refused = true;
      this.askError = { ...reason, message: strings.handoffFailed(reason.message) };
      showError(this.askError);
      this.host.dispatchEvent(new ConvexChatErrorEvent("handoff", this.askError.message, reason.code));
    } finally {
      this.asking = false;
      this.host.requestUpdate();
    }
  }

  /** Keeps the email the answer may follow (checked here first, then by the server). */
  async saveEmail(): Promise<void> {
    const { client, conversationId, strings } = this.context();
    if (!client || !conversationId || this.savingEmail) return;
    const email = this.emailDraft.trim();
    if (!isEmailLike(email)) {
      this.emailError = strings.emailInvalid;
      return this.host.requestUpdate();
    }
    this.savingEmail = true;
    this.emailError = undefined;
    this.host.requestUpdate();
    try {
      await client.mutation(chatApi.setContactEmail, { conversationId, email });
      this.editingEmail = false;
    } catch (error) {
      this.emailError = describeError(error).message;
    } finally {
      this.savingEmail = false;
      this.host.requestUpdate();
    }
  }

  setEmailDraft(text: string): void {
    this.emailDraft = text;
    this.emailError = undefined;
    this.host.requestUpdate();
  }

  editEmail(): void {
    this.editingEmail = true;
    this.emailDraft = this.view.contactEmail ?? "";
    this.host.requestUpdate();
  }

  hostUpdated(): void {
    // A person's reply seen: it is not emailed to the visitor later.
    const { client, conversationId, visible, messages } = this.context();
    if (!client || !conversationId || !visible || document.visibilityState === "hidden") return;
    const newest = messages.findLast((m) => m.author === "operator");
    const readAt = this.state.value?.visitorReadAt ?? 0;
    if (!newest || newest._creationTime <= readAt || newest._id === this.markedRead) return;
    this.markedRead = newest._id;
    client.mutation(chatApi.markRead, { conversationId }).catch(() => {
      this.markedRead = undefined;
    });
  }

  // Only while a person is awaited or answers: nobody watches the AI's visitors type.
  private writeTyping(typing: boolean): Promise<unknown> {
    const { client, conversationId } = this.context();
    if (!client || !conversationId || this.view.mode === "ai") return Promise.resolve();
    return client.mutation(chatApi.setTyping, { conversationId, typing });
  }
}
