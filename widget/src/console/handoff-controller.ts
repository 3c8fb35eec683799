// What an operator does in an open conversation: take it over, hand it back to the AI, resolve or
// reopen it (one mutation each), reply (Enter sends), tell the visitor they are typing (throttled),
// and see the visitor typing and on the page (`inbox:visitorActivity`, hidden by the clock after
// its time even when no update comes).
import type { ConvexClient } from "convex/browser";
import type { ReactiveController, ReactiveControllerHost } from "lit";
import { DeadlineController } from "../controllers/deadline-controller.js";
import { QueryController } from "../controllers/query-controller.js";
import { MAX_MESSAGE_LENGTH } from "../core/api.js";
import { describeError } from "../core/errors.js";
import { inboxApi, type OperatorConversation } from "../core/operator-api.js";
import { TypingSignal } from "../core/typing-signal.js";

export type ConversationAction = "takeOver" | "handBack" | "resolve" | "reopen";

/**
 * @example
 * private handoff = new OperatorHandoffController(this, () => ({ client, conversation }));
 * // this.handoff.act("takeOver"), this.handoff.sendReply(), this.handoff.visitorTyping
 */
export class OperatorHandoffController implements ReactiveController {
  /** The action on its way, if any (its button is disabled). */
  pending: ConversationAction | "reply" | undefined;
  /** Why the last action or reply failed. */
  failure: { action: ConversationAction | "reply"; message: string } | undefined;
  /** The action or reply on its way, to send a reply right after it. */
  private inFlight: Promise<void> | undefined;
  /** Drafts per conversation: switching conversations keeps each one's. */
  private readonly drafts = new Map<string, string>();
  private readonly activity: QueryController<typeof inboxApi.visitorActivity>;
  private readonly typing = new TypingSignal((typing) => this.writeTyping(typing));
  private shownId: string | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly input: () => { client: ConvexClient | undefined; conversation: OperatorConversation | undefined },
  ) {
    host.addController(this);
    this.activity = new QueryController(host, () => {
      const { client, conversation } = this.input();
      return client && conversation
        ? { client, query: inboxApi.visitorActivity, args: { conversationId: conversation.conversationId } }
        : undefined;
    });
    new DeadlineController(host, () => [this.activity.value?.typingUntil, this.activity.value?.onPageUntil]);
  }

  /** The visitor is typing now. */
  get visitorTyping(): boolean {
    const until = this.activity.value?.typingUntil;
    return until !== undefined && until > Date.now();
  }

  /** The visitor's page is open now (undefined while unknown). */
  get visitorOnPage(): boolean | undefined {
    const activity = this.activity.value;
    if (!activity) return undefined;
    return activity.onPage && (activity.onPageUntil === undefined || activity.onPageUntil > Date.now());
  }

  get draft(): string {
    const id = this.input().conversation?.conversationId;
    return (id && this.drafts.get(id)) || "";
  }

  setDraft(text: string): void {
    const id = this.input().conversation?.conversationId;
    if (!id) return;
    this.drafts.set(id, text);
    if (this.failure?.action === "reply") this.failure = undefined;
    this.typing.input(text);
    this.host.requestUpdate();
  }

  /** Whether the draft can be sent now (while an action is on its way, it goes right after it). */
  get canSend(): boolean {
    const length = this.draft.trim().length;
    return this.pending !== "reply" && length > 0 && length <= MAX_MESSAGE_LENGTH;
  }

  /** Sends the draft to the visitor (taking the conversation over when nobody holds it). */
  async sendReply(): Promise<void> {
    const { client, conversation } = this.input();
    if (!client || !conversation || !this.canSend) return;
    const { conversationId } = conversation;
    const text = this.draft;
    // A take-over (or another action) on its way: the operator typed their first words meanwhile.
    while (this.pending && this.pending !== "reply") await this.inFlight;
    await this.run("reply", async () => {
      await client.mutation(inboxApi.reply, { conversationId, text });
      // Typed meanwhile? Keep it; otherwise the draft is gone with the sent text.
      if (this.drafts.get(conversationId) === text) this.drafts.delete(conversationId);
      this.typing.sent();
    });
  }

  /** One of the conversation's actions, one mutation. */
  act(action: ConversationAction): Promise<void> {
    const { client, conversation } = this.input();
    if (!client || !conversation) return Promise.resolve();
    return this.run(action, () => client.mutation(inboxApi[action], { conversationId: conversation.conversationId }));
  }

  hostUpdate(): void {
    const id = this.input().conversation?.conversationId;
    if (id === this.shownId) return;
    // Another conversation: its own state, and the typing mark of the last one is left to expire.
    this.shownId = id;
    this.failure = undefined;
    this.typing.sent();
  }

  private run(action: ConversationAction | "reply", work: () => Promise<unknown>): Promise<void> {
    if (this.pending) return Promise.resolve();
    this.pending = action;
    this.failure = undefined;
    this.host.requestUpdate();
    this.inFlight = (async () => {
      try {
        await work();
      } catch (error) {
        this.failure = { action, message: describeError(error).message };
      } finally {
        this.pending = undefined;
        this.host.requestUpdate();
      }
    })();
    return this.inFlight;
  }

  private writeTyping(typing: boolean): Promise<unknown> {
    const { client, conversation } = this.input();
    if (!client || !conversation) return Promise.resolve();
    return client.mutation(inboxApi.setTyping, { conversationId: conversation.conversationId, typing });
  }
}
