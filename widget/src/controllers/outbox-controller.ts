import type { ReactiveController, ReactiveControllerHost } from "lit";
import type { SendResult } from "../core/api.js";
import { newClientMessageId, outboxFor, type Outbox, type PendingSend, type SendOutcome, type SendRequest } from "../core/outbox.js";
import type { KeyValueStorage } from "../core/storage.js";

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

/** A message to draw as "sending". */
export interface SendingMessage {
  clientMessageId: string;
  text: string;
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
  private outbox: Outbox | undefined;
  private unsubscribe: (() => void) | undefined;
  private readonly own = new Set<string>();
  // Confirmed, but the conversation's message list may not show them yet: keep drawing them.
  private readonly confirmed = new Map<string, { send: PendingSend; result: SendResult }>();

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly source: () => OutboxSource | undefined,
    private readonly onReplay: (outcome: SendOutcome) => void,
  ) {
    host.addController(this);
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
  sending(conversationId: string | null, shownIds: ReadonlySet<string>): SendingMessage[] {
    const confirmed = [...this.confirmed.values()].filter(({ result }) => {
      if (shownIds.has(result.userMessageId)) this.confirmed.delete(result.userMessageId);
      return !shownIds.has(result.userMessageId) && result.conversationId === conversationId;
    });
    const pending = (this.outbox?.pending.value ?? []).filter((s) => s.conversationId === conversationId);
    return [...confirmed.map(({ send }) => send), ...pending].map(({ clientMessageId, text }) => ({ clientMessageId, text }));
  }

  hostConnected(): void {
    this.follow();
  }

  hostUpdate(): void {
    this.follow();
  }

  hostDisconnected(): void {
    this.stop();
  }

  private follow(): void {
    const source = this.source();
    const outbox = source && outboxFor(source.client, source.storage, source.storageKey, source.request);
    if (outbox !== this.outbox) {
      this.stop();
      this.outbox = outbox;
      if (outbox) {
        const stopOutcomes = outbox.subscribe((outcome) => this.onOutcome(outcome));
        const stopPending = outbox.pending.subscribe(() => this.host.requestUpdate());
        this.unsubscribe = () => (stopOutcomes(), stopPending());
      }
    }
    if (source?.signedIn) outbox?.resume();
  }

  private onOutcome(outcome: SendOutcome): void {
    const id = outcome.send.clientMessageId;
    if (outcome.kind === "sent") this.confirmed.set(outcome.result.userMessageId, outcome);
    // The host handles its own sends where it awaits them; replays have no one waiting.
    if (!this.own.delete(id)) this.onReplay(outcome);
    this.host.requestUpdate();
  }

  private stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.outbox = undefined;
  }
}
