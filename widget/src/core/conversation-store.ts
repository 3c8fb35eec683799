// The visitor's current conversation, one per site and conversation key, kept in storage so a
// reload (or another tab) continues it. Several elements on a page keep their own conversation by
// using different keys; elements (and tabs) with the same site and key show the same conversation.
// Elements of different sites never share one: a conversation belongs to one site (the server
// refuses it elsewhere).
import { keyPart, removeByPrefix, type KeyValueStorage } from "./storage.js";
import { Store } from "./store.js";

const CONVERSATION_KEY = "__convexChatSiteConversation";
// Where versions without sites kept it. Not read: it cannot tell which site its conversation
// belongs to, so an upgrade starts a new current conversation once (past ones stay listed).
const LEGACY_CONVERSATION_KEY = "__convexChatConversation";

/** The key an element uses when it names none (no `conversation-key` attribute and no `id`). */
export const DEFAULT_CONVERSATION_KEY = "default";

/** The storage entry for one deployment namespace, site and conversation key. */
export function conversationStorageKey(namespace: string, siteKey: string, conversationKey: string): string {
  return `${CONVERSATION_KEY}_${namespace}_${keyPart(siteKey)}_${keyPart(conversationKey)}`;
}

/** The current conversation id (null before the first message), persisted and synced across tabs. */
export class ConversationStore extends Store<string | null> {
  private readonly key: string;

  constructor(
    private readonly storage: KeyValueStorage,
    namespace: string,
    siteKey: string,
    conversationKey = DEFAULT_CONVERSATION_KEY,
  ) {
    const key = conversationStorageKey(namespace, siteKey, conversationKey);
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
 * One {@link ConversationStore} per site and conversation key for a deployment, created on first
 * use, so that elements sharing both also share the live value (one switches, the others follow).
 */
export class ConversationStores {
  private readonly stores = new Map<string, ConversationStore>();

  constructor(
    private readonly storage: KeyValueStorage,
    private readonly namespace: string,
  ) {
    removeByPrefix(storage, `${LEGACY_CONVERSATION_KEY}_${namespace}`);
  }

  /** The store for `conversationKey` on the site `siteKey` (an empty key means the default one). */
  for(siteKey: string, conversationKey: string): ConversationStore {
    const key = conversationKey.trim() || DEFAULT_CONVERSATION_KEY;
    const id = conversationStorageKey(this.namespace, siteKey, key);
    let store = this.stores.get(id);
    if (!store) {
      store = new ConversationStore(this.storage, this.namespace, siteKey, key);
      this.stores.set(id, store);
    }
    return store;
  }

  /**
   * Forgets the current conversation of every site and key of the deployment (the visitor signed
   * out), also those no element on this page uses: the next visitor must not inherit them.
   */
  clear(): void {
    for (const store of this.stores.values()) store.set(null);
    removeByPrefix(this.storage, `${CONVERSATION_KEY}_${this.namespace}`);
  }

  dispose(): void {
    for (const store of this.stores.values()) store.dispose();
    this.stores.clear();
  }
}
