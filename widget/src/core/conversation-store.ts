// The visitor's current conversation, one per conversation key, kept in storage so a reload (or
// another tab) continues it. Several elements on a page keep their own conversation by using
// different keys; elements (and tabs) with the same key show the same conversation.
import type { KeyValueStorage } from "./storage.js";
import { Store } from "./store.js";

const CONVERSATION_KEY = "__convexChatConversation";

/** The key an element uses when it names none (no `conversation-key` attribute and no `id`). */
export const DEFAULT_CONVERSATION_KEY = "default";

/** The storage entry for one deployment namespace and conversation key. */
export function conversationStorageKey(namespace: string, conversationKey: string): string {
  // The default key keeps the entry earlier versions wrote, so an upgrade continues the conversation.
  const base = `${CONVERSATION_KEY}_${namespace}`;
  return conversationKey === DEFAULT_CONVERSATION_KEY ? base : `${base}_${encodeURIComponent(conversationKey)}`;
}

/** The current conversation id (null before the first message), persisted and synced across tabs. */
export class ConversationStore extends Store<string | null> {
  private readonly key: string;

  constructor(
    private readonly storage: KeyValueStorage,
    namespace: string,
    conversationKey = DEFAULT_CONVERSATION_KEY,
  ) {
    const key = conversationStorageKey(namespace, conversationKey);
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
    // Only this store's own storage: a session-storage store must not follow localStorage.
    if (event.key === this.key && event.storageArea === (this.storage as unknown)) super.set(event.newValue);
  };
}

/**
 * One {@link ConversationStore} per conversation key for a deployment, created on first use, so
 * that elements sharing a key also share the live value (one switches, the others follow at once).
 */
export class ConversationStores {
  private readonly stores = new Map<string, ConversationStore>();

  constructor(
    private readonly storage: KeyValueStorage,
    private readonly namespace: string,
  ) {}

  /** The store for `conversationKey` (an empty key means the default one). */
  for(conversationKey: string): ConversationStore {
    const key = conversationKey.trim() || DEFAULT_CONVERSATION_KEY;
    let store = this.stores.get(key);
    if (!store) {
      store = new ConversationStore(this.storage, this.namespace, key);
      this.stores.set(key, store);
    }
    return store;
  }

  /** Forgets every conversation key's current conversation (the visitor signed out). */
  clear(): void {
    for (const store of this.stores.values()) store.set(null);
  }

  dispose(): void {
    for (const store of this.stores.values()) store.dispose();
    this.stores.clear();
  }
}
