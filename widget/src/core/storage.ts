// localStorage that never throws: it is missing or blocked in sandboxed iframes, private modes and
// when the host page disables it. Falls back to memory for the page's lifetime.

/** The subset of the Web Storage API the widget uses. */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

const memory = new Map<string, string>();
const memoryStorage: KeyValueStorage = {
  getItem: (key) => memory.get(key) ?? null,
  setItem: (key, value) => void memory.set(key, value),
  removeItem: (key) => void memory.delete(key),
};

/** Returns `localStorage` when usable, otherwise an in-memory stand-in. */
export function defaultStorage(): KeyValueStorage {
  try {
    const storage = globalThis.localStorage;
    const probe = "__convexChatProbe";
    storage.setItem(probe, probe);
    storage.removeItem(probe);
    return storage;
  } catch {
    return memoryStorage;
  }
}

/** Convex Auth's namespace for a deployment: its URL without non-alphanumerics. */
export function storageNamespace(convexUrl: string): string {
  return convexUrl.replace(/[^a-zA-Z0-9]/g, "");
}
