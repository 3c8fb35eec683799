import type { ReactiveController, ReactiveControllerHost } from "lit";

/** What a {@link FollowController} follows and how. */
export interface FollowConfig<Input> {
  /** What to follow now, re-read before every update; `undefined`: nothing (e.g. not signed in). */
  input: () => Input | undefined;
  /**
   * What makes two inputs the same (default: the input itself, by identity). Return a string to
   * compare by value, or an array to compare element by element (e.g. `[client, JSON.stringify(args)]`).
   */
  key?: (input: Input) => unknown;
  /** Starts following `input`; returns what stops it (called when the input changes or the host leaves). */
  start: (input: Input) => (() => void) | void;
  /**
   * Start only from the host's first update, not on connection: a template's attribute bindings
   * may not be applied yet when the host connects (the update that follows reads them).
   */
  fromUpdate?: boolean;
}

/**
 * Follows one input of its host (a client, a conversation id, a store) and re-subscribes when it
 * changes: the input is re-read before every update; a changed one stops the old subscription and
 * starts the new one; the host leaving the page stops it. The pattern behind the live query,
 * store, outbox, deployment and page-language controllers, written once.
 *
 * @example
 * private messages = new FollowController(this, {
 *   input: () => this.client,
 *   start: (client) => client.onUpdate(query, args, (value) => { this.value = value; this.requestUpdate(); }),
 * });
 */
export class FollowController<Input> implements ReactiveController {
  private following: { input: Input; key: unknown } | undefined;
  private stopFollowing: (() => void) | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly config: FollowConfig<Input>,
  ) {
    host.addController(this);
  }

  /** The input followed now (undefined when none). */
  get current(): Input | undefined {
    return this.following?.input;
  }

  /** Follows the current input now (outside an update, e.g. before a call that needs it). */
  sync(): void {
    const input = this.config.input();
    const key = input === undefined ? undefined : (this.config.key ?? ((i: Input) => i))(input);
    if (this.following && input !== undefined && sameKey(key, this.following.key)) return;
    if (!this.following && input === undefined) return;
    this.stop();
    if (input === undefined) return;
    this.following = { input, key };
    this.stopFollowing = this.config.start(input) ?? undefined;
  }

  /** Stops and starts again with the current input (e.g. to retry after an error). */
  restart(): void {
    this.stop();
    this.sync();
  }

  hostConnected(): void {
    if (this.config.fromUpdate) this.host.requestUpdate();
    else this.sync();
  }

  hostUpdate(): void {
    this.sync();
  }

  hostDisconnected(): void {
    this.stop();
  }

  private stop(): void {
    const stop = this.stopFollowing;
    this.following = undefined;
    this.stopFollowing = undefined;
    stop?.();
  }
}

function sameKey(a: unknown, b: unknown): boolean {
  if (!Array.isArray(a) || !Array.isArray(b)) return a === b;
  return a.length === b.length && a.every((value, i) => value === b[i]);
}
