import { PersistentTextStreaming, type StreamId } from "@convex-dev/persistent-text-streaming";
import { components } from "../_generated/api";
import type { StreamStatus } from "../validators";

/** The one client of the persistent-text-streaming component this app uses. */
export const streaming = new PersistentTextStreaming(components.persistentTextStreaming);

/** Stream ids are stored as plain strings; the component wants its branded type. */
export function asStreamId(streamId: string): StreamId {
  return streamId as StreamId;
}

/**
 * Ends the component's stream with `status` (the component ignores this once the stream is
 * done/error/timeout), so its own state agrees with the message's.
 */
export async function setComponentStatus(ctx: ComponentMutationRunner, streamId: string, status: StreamStatus) {
  await ctx.runMutation(components.persistentTextStreaming.lib.setStreamStatus, { streamId, status });
}

/** A mutation or action ctx, narrowed to what `setComponentStatus` needs (their types differ). */
type ComponentMutationRunner = {
  runMutation(
    mutation: typeof components.persistentTextStreaming.lib.setStreamStatus,
    args: { streamId: string; status: StreamStatus },
  ): Promise<unknown>;
};
