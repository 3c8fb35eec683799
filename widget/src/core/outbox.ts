// Messages the visitor sent that the server has not confirmed yet, kept in storage until it does.
// Every send carries a client id; the server answers a repeat of an id with the first call's result
// and writes nothing, so a send cut off by a reload (or made again by another tab) is simply sent
// again with the same id and still makes exactly one message and one reply. Within one page the
// Convex client itself re-sends a mutation that was in flight when its socket dropped; the outbox
// covers what outlives the client: a reload, a closed tab, a torn-down deployment.
import { ConvexError } from "convex/values";
import type { SendResult } from "./api.js";
import { describeError, type ChatError } from "./errors.js";
import { isPendingSend, newClientMessageId, removeStoredSends, type PendingSend } from "./pending-send.js";
import type { KeyValueStorage } from "./storage.js";
import { Store, type Readable } from "./store.js";

export { newClientMessageId, outboxStorageKey, type PendingSend } from "./pending-send.js";

/** What `chat:sendMessage` is called with (the caller adds anything deployment-wide, e.g. the site key). */
export interface SendRequest {
  conversationId?: string;
  text: string;
  clientMessageId: string;
}

/** How a pending send ended: the server accepted it, or refused it (it is not tried again). */
export type SendOutcome =
  { kind: "sent"; send: PendingSend; result: SendResult } | { kind: "refused"; send: PendingSend; error: ChatError; cause: unknown };

/** Most sends that may wait at once; beyond it a send is refused (never is an older one dropped). */
export const MAX_PENDING = 20;

/**
 * Sends messages one at a time, in order, each with its client id, persisting them until the
 * server accepts or refuses them. Sequential on purpose: a message queued before the first one
 * created its conversation must go to that conversation, not start another.
 *
 * @example
 * const outbox = new Outbox(storage, key, (request) => client.mutation(chatApi.sendMessage, request));
 * outbox.subscribe((outcome) => show(outcome)); // replays after a reload end here too
 * outbox.resume(); // once signed in: send what a previous page left
 * const result = await outbox.send("Hello", conversationId);
 */
export class Outbox {
  private readonly entries: Store<readonly PendingSend[]>;
  private readonly listeners = new Set<(outcome: SendOutcome) => void>();
  private readonly waiting = new Map<string, { resolve: (r: SendResult) => void; reject: (e: unknown) => void }>();
  // Ids this object has sent (or is sending): never sent twice by it, whatever storage says.
  private readonly attempted = new Set<string>();
  private flushing = false;
  private resumed = false;
  // Bumped by clear(): an answer to a request made before it belongs to the previous visitor.
  private epoch = 0;

  constructor(
    private readonly storage: KeyValueStorage,
    private readonly key: string,
    private readonly request: (request: SendRequest) => Promise<SendResult>,
  ) {
    this.entries = new Store<readonly PendingSend[]>(this.read());
  }

  /** The sends not yet confirmed, oldest first (including those a previous page left). */
  get pending(): Readable<readonly PendingSend[]> {
    return this.entries;
  }

  /** Follows every outcome, including replays nobody on this page asked for; returns the unsubscribe. */
  subscribe(listener: (outcome: SendOutcome) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  /**
   * Queues `text` for `conversationId` (null: a new conversation), persisted before it is sent.
   * Resolves with the server's result; rejects with the server's refusal (the text is not kept), or
   * at once with code `OUTBOX_FULL` when {@link MAX_PENDING} sends are already waiting.
   */
  send(text: string, conversationId: string | null, clientMessageId = newClientMessageId()): Promise<SendResult> {
    const entries = this.read();
    if (entries.length >= MAX_PENDING) {
      const message = `${MAX_PENDING} messages are still waiting to be sent; try again once they are.`;
      return Promise.reject(new ConvexError({ code: "OUTBOX_FULL", message }));
    }
    const entry: PendingSend = { clientMessageId, text, conversationId, createdAt: Date.now() };
    const outcome = new Promise<SendResult>((resolve, reject) => this.waiting.set(entry.clientMessageId, { resolve, reject }));
    this.write([...entries, entry]);
    void this.flush();
    return outcome;
  }

  /**
   * Forgets every pending send (the visitor signed out): none is sent again, and their `send()`
   * promises reject with code `SIGNED_OUT`. One already on the wire completes as the previous
   * visitor, unreported.
   */
  clear(): void {
    this.epoch += 1;
    this.write([]);
    const waiting = [...this.waiting.values()];
    this.waiting.clear();
    const error = new ConvexError({ code: "SIGNED_OUT", message: "Signed out before this message was sent." });
    for (const { reject } of waiting) reject(error);
  }

  /** Starts sending what storage holds (a previous page's unconfirmed sends). Call once signed in; later calls do nothing. */
  resume(): void {
    if (this.resumed) return;
    this.resumed = true;
    void this.flush();
  }

  private async flush(): Promise<void> {
    if (this.flushing) return;
    this.flushing = true;
    // The conversation a queued "new conversation" send created, for the sends queued behind it.
    let created: string | null = null;
    try {
      for (;;) {
        // Re-read each time: another tab may have confirmed an entry meanwhile.
        const entry = this.read().find(
          (e) => !this.attempted.has(e.clientMessageId) && (this.resumed || this.waiting.has(e.clientMessageId)),
        );
        if (!entry) return;
        this.attempted.add(entry.clientMessageId);
        const conversationId = entry.conversationId ?? created;
        const epoch = this.epoch;
        let outcome: SendOutcome;
        try {
          const result = await this.request({
            text: entry.text,
            clientMessageId: entry.clientMessageId,
            ...(conversationId ? { conversationId } : {}),
          });
          if (entry.conversationId === null) created = result.conversationId;
          outcome = { kind: "sent", send: entry, result };
        } catch (error) {
          // The client re-sends across reconnects by itself, so a rejection is the server's answer.
          outcome = { kind: "refused", send: entry, error: describeError(error), cause: error };
        }
        if (epoch === this.epoch) this.settle(outcome);
        else created = null;
      }
    } finally {
      this.flushing = false;
    }
  }

  private settle(outcome: SendOutcome): void {
    const id = outcome.send.clientMessageId;
    this.write(this.read().filter((e) => e.clientMessageId !== id));
    const waiter = this.waiting.get(id);
    this.waiting.delete(id);
    if (outcome.kind === "sent") waiter?.resolve(outcome.result);
    else waiter?.reject(outcome.cause);
    for (const listener of [...this.listeners]) listener(outcome);
  }

  private read(): PendingSend[] {
    try {
      const stored: unknown = JSON.parse(this.storage.getItem(this.key) ?? "[]");
      return Array.isArray(stored) ? stored.filter(isPendingSend) : [];
    } catch {
      return []; // unreadable (written by something else): nothing we can send
    }
  }

  private write(entries: PendingSend[]): void {
    if (entries.length === 0) this.storage.removeItem(this.key);
    else this.storage.setItem(this.key, JSON.stringify(entries));
    this.entries.set(entries);
  }
}

const outboxes = new WeakMap<object, Map<string, Outbox>>();

/**
 * The outbox for `key` on `client` (one per client and key, so elements sharing a conversation
 * share it); `request` is used only when it is created.
 */
export function outboxFor(
  client: object,
  storage: KeyValueStorage,
  key: string,
  request: (request: SendRequest) => Promise<SendResult>,
): Outbox {
  let byKey = outboxes.get(client);
  if (!byKey) outboxes.set(client, (byKey = new Map<string, Outbox>()));
  let outbox = byKey.get(key);
  if (!outbox) byKey.set(key, (outbox = new Outbox(storage, key, request)));
  return outbox;
}

/**
 * Forgets every unconfirmed send of the deployment `namespace` (the visitor signed out): those of
 * `client`'s outboxes (see {@link Outbox.clear}) and those stored for any site and key.
 */
export function clearOutboxes(client: object, storage: KeyValueStorage, namespace: string): void {
  for (const outbox of outboxes.get(client)?.values() ?? []) outbox.clear();
  removeStoredSends(storage, namespace);
}
