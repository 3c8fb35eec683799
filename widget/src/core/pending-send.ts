// What one unconfirmed send is, how it is stored, and where: the entries of the outbox (outbox.ts).
import { keyPart, removeByPrefix, type KeyValueStorage } from "./storage.js";

/** A message on its way to the server. */
export interface PendingSend {
  /** Sent as `clientMessageId`: the same on every attempt. */
  clientMessageId: string;
  text: string;
  /** The conversation it goes to; null when it starts a new one. */
  conversationId: string | null;
  /** When the visitor sent it (ms since the epoch). */
  createdAt: number;
}

const OUTBOX_KEY = "__convexChatOutbox";
const CLIENT_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** The storage entry for one deployment namespace, site and conversation key. */
export function outboxStorageKey(namespace: string, siteKey: string, conversationKey: string): string {
  return `${OUTBOX_KEY}_${namespace}_${keyPart(siteKey)}_${keyPart(conversationKey)}`;
}

/** Removes the stored sends of every site and key of the deployment `namespace`. */
export function removeStoredSends(storage: KeyValueStorage, namespace: string): void {
  removeByPrefix(storage, `${OUTBOX_KEY}_${namespace}`);
}

/** A fresh client message id: 32 hex digits, random (a UUID without dashes where randomUUID exists). */
export function newClientMessageId(): string {
  // randomUUID exists only in secure contexts; a widget may be embedded in a plain-http page.
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID().replace(/-/g, "");
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Whether a stored value is a well-formed send (storage may hold anything). */
export function isPendingSend(value: unknown): value is PendingSend {
  const send = value as PendingSend;
  return (
    typeof send?.clientMessageId === "string" &&
    CLIENT_ID.test(send.clientMessageId) &&
    typeof send.text === "string" &&
    (send.conversationId === null || typeof send.conversationId === "string") &&
    typeof send.createdAt === "number"
  );
}
