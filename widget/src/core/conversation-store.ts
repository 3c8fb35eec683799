// The visitor's current conversation per deployment, kept in storage so a reload (or another tab)
// continues it.
import type { KeyValueStorage } from "./storage.js";
import { Store } from "./store.js";

const CONVERSATION_KEY = "__convexChatConversation";

/** The current conversation id (null before the first message), persisted and synced across tabs. */
export class ConversationStore extends Store<string | null> {
  private readonly key: string;

  constructor(
    private readonly storage: KeyValueStorage,
    namespace: string,
  ) {
    const key = `${CONVERSATION_KEY}_${namespace}`;
    super(storage.getItem(key));
    this.key = key;
    globalThis.addEventListener?.("storage", this.onStorage);
  }

  override set(conversationId: string | null): void {
    if (conversationId === null) this.storage.removeItem(this.key);
    else this.storage.setItem(this.key, conversationId);
    super.set(conversationId);
  }

  dispose(): void {
    globalThis.removeEventListener?.("storage", this.onStorage);
  }

  // Another tab started or switched a conversation: follow it (without writing back).
  private readonly onStorage = (event: StorageEvent) => {
    if (event.key === this.key) super.set(event.newValue);
  };
}
