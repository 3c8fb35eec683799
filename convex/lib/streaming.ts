import { PersistentTextStreaming, type StreamId } from "@convex-dev/persistent-text-streaming";
import { components } from "../_generated/api";
import type { MutationCtx, QueryCtx } from "../_generated/server";
import type { StreamStatus } from "../validators";

/** The one client of the persistent-text-streaming component this app uses. */
export const streaming = new PersistentTextStreaming(components.persistentTextStreaming);

/** Stream ids are stored as plain strings; the component wants its branded type. */
export function asStreamId(streamId: string): StreamId {
  return streamId as StreamId;
}

/** The text the component has persisted for a stream so far. */
export async function persistedText(ctx: QueryCtx, streamId: string): Promise<string> {
  return (await streaming.getStreamBody(ctx, asStreamId(streamId))).text;
}

/**
 * Ends the component's stream with `status`, so its own state agrees with the reply's. A stream
 * that has already ended (the driver's final write, the component's cron) is left as it is: the
 * component would ignore the change anyway, and log it. A stream the component cannot end is only
 * logged: the reply still ends, and once it has, readers get its text from the message, not the
 * stream (`chat:getStreamBody`). Only the reply lifecycle calls this.
 */
export async function endComponentStream(ctx: MutationCtx, streamId: string, status: StreamStatus): Promise<void> {
  try {
    const current = await ctx.runQuery(components.persistentTextStreaming.lib.getStreamStatus, { streamId });
    if (current !== "pending" && current !== "streaming") return;
    await ctx.runMutation(components.persistentTextStreaming.lib.setStreamStatus, { streamId, status });
  } catch (error) {
    console.error(`Could not end stream ${streamId} as ${status}:`, error);
  }
}
