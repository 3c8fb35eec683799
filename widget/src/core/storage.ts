// Where the widget keeps the visitor's session (Convex Auth tokens), current conversations and
// unconfirmed sends. Web Storage that never throws: it is missing or blocked in sandboxed iframes,
// private modes and when the host page disables it; then memory stands in for the page's lifetime.

/** The subset of the Web Storage API the widget uses. */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
  /** Every stored key (Web Storage has `length` and `key(i)` instead); needed to forget by prefix. */
  keys?(): string[];
}

/** The keys `storage` holds, where it can tell (Web Storage, or a storage with `keys()`). */
export function storedKeys(storage: KeyValueStorage): string[] {
  if (typeof storage.keys === "function") return storage.keys();
  const web = storage as Partial<Storage>;
  if (typeof web.length !== "number" || typeof web.key !== "function") return [];
  return Array.from({ length: web.length }, (_, i) => web.key!(i)).filter((key): key is string => key !== null);
}

/** Removes every entry whose key is `prefix` or starts with `prefix` followed by `_`. */
export function removeByPrefix(storage: KeyValueStorage, prefix: string): void {
  // Collected first: removing while indexing Web Storage would skip keys.
  for (const key of storedKeys(storage)) if (key === prefix || key.startsWith(`${prefix}_`)) storage.removeItem(key);
}

/**
 * One part of a storage key: encoded so that `_` never appears in it, which keeps `_` an
 * unambiguous separator (site `a_b` + key `c` must not meet site `a` + key `b_c`).
 */
export function keyPart(value: string): string {
  return encodeURIComponent(value).replace(/_/g, "%5F");
}

/**
 * The element's `storage` attribute: `local` keeps the visitor across reloads and tabs (default),
 * `session` only for this tab's session (kept across reloads, not shared with new tabs), `memory`
 * only while the chat is on the page (a reload starts a new visitor).
 */
export type StorageMode = "local" | "session" | "memory";

/** The mode an attribute value names; anything unknown is the default `local`. */
export function parseStorageMode(value: string | null | undefined): StorageMode {
  const mode = value?.trim().toLowerCase();
  return mode === "session" || mode === "memory" ? mode : "local";
}

function mapStorage(): KeyValueStorage {
  const memory = new Map<string, string>();
  return {
    getItem: (key) => memory.get(key) ?? null,
    setItem: (key, value) => void memory.set(key, value),
    removeItem: (key) => void memory.delete(key),
    keys: () => [...memory.keys()],
  };
}

// Stand-ins for unusable Web Storage: one per page and mode, shared like Web Storage would be.
const webStorageFallback = { local: mapStorage(), session: mapStorage() };

function usable(get: () => Storage): KeyValueStorage | undefined {
  try {
    const storage = get();
    const probe = "__convexChatProbe";
    storage.setItem(probe, probe);
    storage.removeItem(probe);
    return storage;
  } catch {
    return undefined;
  }
}

/**
 * The storage for `mode`. `memory` is a new, empty store on every call: the deployment that asks
 * keeps it, so the visitor lasts as long as the deployment (every element on the page shares it).
 * Unusable Web Storage falls back to memory for the page's lifetime.
 */
export function storageFor(mode: StorageMode): KeyValueStorage {
  if (mode === "memory") return mapStorage();
  if (mode === "session") return usable(() => globalThis.sessionStorage) ?? webStorageFallback.session;
  return usable(() => globalThis.localStorage) ?? webStorageFallback.local;
}

/** Convex Auth's namespace for a deployment: its URL without non-alphanumerics. */
export function storageNamespace(convexUrl: string): string {
  return convexUrl.replace(/[^a-zA-Z0-9]/g, "");
}
