// The smallest observable value: what core objects expose so any UI layer (Lit controllers, or
// none) can follow them.

/** A value that can be read now and followed as it changes. */
export interface Readable<T> {
  readonly value: T;
  /** Calls `listener` on every change (not immediately); returns the unsubscribe function. */
  subscribe(listener: (value: T) => void): () => void;
}

/** A {@link Readable} whose owner sets the value. */
export class Store<T> implements Readable<T> {
  private current: T;
  private readonly listeners = new Set<(value: T) => void>();

  constructor(initial: T) {
    this.current = initial;
  }

  get value(): T {
    return this.current;
  }

  set(value: T): void {
    if (Object.is(value, this.current)) return;
    this.current = value;
    for (const listener of [...this.listeners]) listener(value);
  }

  subscribe(listener: (value: T) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }
}
