import type { ConvexClient } from "convex/browser";
import { getFunctionName, type FunctionArgs, type FunctionReference, type FunctionReturnType } from "convex/server";
import type { ReactiveControllerHost } from "lit";
import { describeError, type ChatError } from "../core/errors.js";
import { FollowController } from "./follow-controller.js";

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
export class QueryController<Query extends FunctionReference<"query">> {
  private result: FunctionReturnType<Query> | undefined;
  private failure: ChatError | undefined;
  private readonly subscription: FollowController<QueryTarget<Query>>;

  constructor(
    private readonly host: ReactiveControllerHost,
    target: () => QueryTarget<Query> | undefined,
    private readonly onError?: (error: ChatError) => void,
  ) {
    // Results arrive per subscription: another target (or none) starts from nothing.
    const reset = () => {
      this.result = undefined;
      this.failure = undefined;
    };
    this.subscription = new FollowController(host, {
      input: target,
      // Arguments are rebuilt on every update: compare them by value, the client by identity.
      key: ({ client, query, args }) => [client, JSON.stringify([getFunctionName(query), args])],
      start: (target) => {
        reset();
        const unsubscribe = target.client.onUpdate(
          target.query,
          target.args,
          (result) => this.onResult(result),
          (error) => this.onFailure(error),
        );
        return () => (unsubscribe(), reset());
      },
    });
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
    this.subscription.restart();
    this.host.requestUpdate();
  }

  private onResult(result: FunctionReturnType<Query>): void {
    this.result = result;
    this.failure = undefined;
    this.host.requestUpdate();
  }

  private onFailure(error: Error): void {
    this.failure = describeError(error);
    this.onError?.(this.failure);
    this.host.requestUpdate();
  }
}
