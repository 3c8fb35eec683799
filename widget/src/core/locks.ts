// Runs a callback as the only holder of a named lock across every tab and frame of this origin
// (navigator.locks), or at least across this page where Web Locks are missing.

const pageQueues = new Map<string, Promise<unknown>>();

/** Runs `callback` exclusively under `name`. */
export function withLock<T>(name: string, callback: () => Promise<T>): Promise<T> {
  const locks = globalThis.navigator?.locks;
  if (locks) return locks.request(name, callback);
  const previous = pageQueues.get(name) ?? Promise.resolve();
  const run = previous.catch(() => undefined).then(callback);
  pageQueues.set(name, run);
  return run;
}
