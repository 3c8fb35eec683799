// What a page can tell about the visitor from storage alone, before any of the widget loads: the
// script-tag loader (widget/src/loader.ts) loads the chat at idle only for a visitor who has a
// conversation going on (so unread replies and a send waiting to go out still show), and leaves
// every other page view without a socket, a sign-in or a download.
import { conversationStorageKey, DEFAULT_CONVERSATION_KEY } from "./conversation-store.js";
import { outboxStorageKey } from "./pending-send.js";
import { parseStorageMode, storageNamespace } from "./storage.js";

/** The attributes of an element (or script tag) that say where its visitor's state is kept. */
export interface StoredVisitorTarget {
  convexUrl: string;
  siteKey: string;
  /** `local` (default), `session` or `memory` (nothing survives a reload: never in progress). */
  storage?: string;
  /** Default: the default key (what the script tag's element uses). */
  conversationKey?: string;
}

/**
 * Whether the visitor has a conversation in progress on this site: a current conversation, or a
 * message not yet confirmed by the server. Reads storage only; never throws (blocked storage: no).
 */
export function hasConversationInProgress(target: StoredVisitorTarget): boolean {
  const mode = parseStorageMode(target.storage);
  if (mode === "memory" || !target.convexUrl || !target.siteKey) return false;
  try {
    const storage = mode === "session" ? sessionStorage : localStorage;
    // The deployment's own normalisation (core/deployment.ts): trimmed, no trailing slash.
    const namespace = storageNamespace(target.convexUrl.trim().replace(/\/+$/, ""));
    const key = target.conversationKey?.trim() || DEFAULT_CONVERSATION_KEY;
    return (
      storage.getItem(conversationStorageKey(namespace, target.siteKey, key)) !== null ||
      storage.getItem(outboxStorageKey(namespace, target.siteKey, key)) !== null
    );
  } catch {
    return false;
  }
}
