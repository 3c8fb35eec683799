import { PersistentTextStreaming, type StreamId } from "@convex-dev/persistent-text-streaming";
import { components } from "../_generated/api";

/** The one client of the persistent-text-streaming component this app uses. */
export const streaming = new PersistentTextStreaming(components.persistentTextStreaming);

/** Stream ids are stored as plain strings; the component wants its branded type. */
export function asStreamId(streamId: string): StreamId {
  return streamId as StreamId;
}
