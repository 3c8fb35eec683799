import type { ReactiveControllerHost } from "lit";
import type { Readable } from "../core/store.js";
import { FollowController } from "./follow-controller.js";

/**
 * Re-renders its host whenever a core {@link Readable} changes (auth state, current conversation).
 * The source is re-read before every update, so it may change with the host's properties.
 *
 * @example
 * private auth = new StoreController(this, () => this.deployment?.auth.state);
 * render() { return this.auth.value?.status; }
 */
export class StoreController<T> {
  private readonly source: FollowController<Readable<T>>;

  constructor(host: ReactiveControllerHost, select: () => Readable<T> | undefined) {
    this.source = new FollowController(host, {
      input: select,
      start: (source) => source.subscribe(() => host.requestUpdate()),
    });
  }

  /** The source's current value (undefined while there is no source). */
  get value(): T | undefined {
    return this.source.current?.value;
  }
}
