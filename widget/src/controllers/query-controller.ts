import type { ConvexClient } from "convex/browser";
import { getFunctionName, type FunctionArgs, type FunctionReference, type FunctionReturnType } from "convex/server";
import type { ReactiveController, ReactiveControllerHost } from "lit";
import { describeError, type ChatError } from "../core/errors.js";

/** What to subscribe to; `undefined` means "nothing yet" (e.g. not signed in). */
export interface QueryTarget<Query extends FunctionReference<"query">> {
  client: ConvexClient;
  query: Query;
  args: FunctionArgs<Query>;
}

/**
 * A live Convex query result for a Lit host. The target is re-read before every update and the
 * subscription moves when the client, query or arguments change.
 *
 * @example
 * private messages = new QueryController(this, () =>
 *   signedIn ? { client, query: chatApi.listMessages, args: { conversationId } } : undefined);
 */
export class QueryController<Query extends FunctionReference<"query">> implements ReactiveController {
  private key: string | undefined;
  private client: ConvexClient | undefined;
  private unsubscribe: (() => void) | undefined;
  private result: FunctionReturnType<Query> | undefined;
  private failure: ChatError | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly target: () => QueryTarget<Query> | undefined,
    private readonly onError?: (error: ChatError) => void,
  ) {
    host.addController(this);
  }

  /** The latest result; undefined until the first one arrives. */
  get value(): FunctionReturnType<Query> | undefined {
    return this.result;
  }

  /** The latest failure, cleared by the next result. */
  get error(): ChatError | undefined {
    return this.failure;
  }

  /** Subscribes afresh (after an error: the server runs the query again). */
  retry(): void {
    this.stop();
    this.follow();
    this.host.requestUpdate();
  }

  hostConnected(): void {
    this.follow();
  }

  hostUpdate(): void {
    this.follow();
  }

  hostDisconnected(): void {
    this.stop();
  }

  private follow(): void {
    const target = this.target();
    const key = target && JSON.stringify([getFunctionName(target.query), target.args]);
    if (key === this.key && target?.client === this.client && (this.unsubscribe || !target)) return;
    this.stop();
    this.result = undefined;
    this.failure = undefined;
    if (!target) return;
    this.key = key;
    this.client = target.client;
    this.unsubscribe = target.client.onUpdate(
      target.query,
      target.args,
      (result) => {
        this.result = result;
        this.failure = undefined;
        this.host.requestUpdate();
      },
      (error) => {
        this.failure = describeError(error);
        this.onError?.(this.failure);
        this.host.requestUpdate();
      },
    );
  }

  private stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.key = undefined;
    this.client = undefined;
  }
}
