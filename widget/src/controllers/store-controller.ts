import type { ReactiveController, ReactiveControllerHost } from "lit";
import type { Readable } from "../core/store.js";

/**
 * Re-renders its host whenever a core {@link Readable} changes (auth state, current conversation).
 * The source is re-read before every update, so it may change with the host's properties.
 *
 * @example
 * private auth = new StoreController(this, () => this.deployment?.auth.state);
 * render() { return this.auth.value?.status; }
 */
export class StoreController<T> implements ReactiveController {
  private source: Readable<T> | undefined;
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly select: () => Readable<T> | undefined,
  ) {
    host.addController(this);
  }

  /** The source's current value (undefined while there is no source). */
  get value(): T | undefined {
    return this.source?.value;
  }

  hostConnected(): void {
    this.follow();
  }

  hostUpdate(): void {
    this.follow();
  }

  hostDisconnected(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.source = undefined;
  }

  private follow(): void {
    const source = this.select();
    if (source === this.source && this.unsubscribe) return;
    this.unsubscribe?.();
    this.source = source;
    this.unsubscribe = source?.subscribe(() => this.host.requestUpdate());
  }
}
