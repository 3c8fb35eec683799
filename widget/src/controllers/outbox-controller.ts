import type { ReactiveController, ReactiveControllerHost } from "lit";
import type { SendResult } from "../core/api.js";
import type { UnconfirmedSend } from "../core/message-display.js";
import { newClientMessageId, outboxFor, type Outbox, type PendingSend, type SendOutcome, type SendRequest } from "../core/outbox.js";
import type { KeyValueStorage } from "../core/storage.js";
import { FollowController } from "./follow-controller.js";

/** Where a host's sends go. */
export interface OutboxSource {
  /** The deployment's client: one outbox per client and storage key. */
  client: object;
  storage: KeyValueStorage;
  /** Per deployment and conversation key (see `outboxStorageKey`). */
  storageKey: string;
  /** Sends are made (and a previous page's replayed) only once the visitor is signed in. */
  signedIn: boolean;
  /** Calls `chat:sendMessage` with the request (plus anything deployment-wide). */
  request: (request: SendRequest) => Promise<SendResult>;
}

/**
 * The host's {@link Outbox}: `send()` queues a message and resolves when the server accepted it;
 * unconfirmed sends a previous page left are sent again once signed in, and their outcomes go to
 * `onReplay`. `sending()` lists what to draw as "sending" until the conversation shows it.
 *
 * @example
 * private outbox = new OutboxController(this, () => source, (outcome) => this.onReplayed(outcome));
 * const result = await this.outbox.send(text, conversationId);
 */
export class OutboxController implements ReactiveController {
  private readonly followed: FollowController<Outbox>;
  private readonly own = new Set<string>();
  // Confirmed, but the conversation's message list may not show them yet: keep drawing them.
  private readonly confirmed = new Map<string, { send: PendingSend; result: SendResult }>();

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly source: () => OutboxSource | undefined,
    private readonly onReplay: (outcome: SendOutcome) => void,
  ) {
    this.followed = new FollowController(host, {
      input: () => {
        const source = this.source();
        return source && outboxFor(source.client, source.storage, source.storageKey, source.request);
      },
      start: (outbox) => {
        const stopOutcomes = outbox.subscribe((outcome) => this.onOutcome(outcome));
        const stopPending = outbox.pending.subscribe(() => this.host.requestUpdate());
        return () => (stopOutcomes(), stopPending());
      },
    });
    // After the outbox is followed: resuming may already settle sends.
    host.addController(this);
  }

  private get outbox(): Outbox | undefined {
    return this.followed.current;
  }

  /** Queues `text` for `conversationId` (null: a new conversation); settles with the server's answer. */
  send(text: string, conversationId: string | null): Promise<SendResult> {
    this.follow();
    if (!this.outbox) return Promise.reject(new Error("The chat is not connected."));
    const clientMessageId = newClientMessageId();
    this.own.add(clientMessageId);
    return this.outbox.send(text, conversationId, clientMessageId);
  }

  /**
   * What to draw as "sending" in `conversationId` (null: a conversation not started yet):
   * confirmed sends until `shownIds` (the message list) includes them, then unconfirmed ones.
   */
  sending(conversationId: string | null, shownIds: ReadonlySet<string>): UnconfirmedSend[] {
    const confirmed = [...this.confirmed.values()].filter(({ result }) => {
      if (shownIds.has(result.userMessageId)) this.confirmed.delete(result.userMessageId);
      return !shownIds.has(result.userMessageId) && result.conversationId === conversationId;
    });
    const pending = (this.outbox?.pending.value ?? []).filter((s) => s.conversationId === conversationId);
    return [...confirmed.map(({ send }) => send), ...pending].map(({ clientMessageId, text }) => ({ clientMessageId, text }));
  }

  hostConnected(): void {
    this.resume();
  }

  hostUpdate(): void {
    this.resume();
  }

  private follow(): void {
    this.followed.sync();
    this.resume();
  }

  // Sends a previous page left go out once the visitor is signed in (a no-op once resumed).
  private resume(): void {
    if (this.source()?.signedIn) this.outbox?.resume();
  }

  private onOutcome(outcome: SendOutcome): void {
    const id = outcome.send.clientMessageId;
    if (outcome.kind === "sent") this.confirmed.set(outcome.result.userMessageId, outcome);
    // The host handles its own sends where it awaits them; replays have no one waiting.
    if (!this.own.delete(id)) this.onReplay(outcome);
    this.host.requestUpdate();
  }
}
