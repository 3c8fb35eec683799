// Shared by the ReplyStream tests: send a message, follow its reply, record what it showed.
import { TEST_SITE_KEY, waitFor } from "./test-helpers.js";
import { chatApi, isFinal, type StreamBody } from "../src/core/api.js";
import type { Deployment } from "../src/core/deployment.js";
import { ReplyStream, type ReplyStreamOptions } from "../src/core/reply-stream.js";

/** Sends a message (without driving its reply) and returns the options for following the reply. */
export async function sendAndGetReply(deployment: Deployment, text: string, streamUrl: string) {
  const { streamId } = await deployment.client.mutation(chatApi.sendMessage, { siteKey: TEST_SITE_KEY, text });
  // A new conversation is answered by the AI: a reply is always prepared.
  if (!streamId) throw new Error("no AI reply was prepared");
  return {
    client: deployment.client,
    streamId,
    streamUrl,
    token: (forceRefresh?: boolean) => deployment.auth.token(forceRefresh),
  };
}

/** Records every body the stream shows, with whether it was then driving (reading HTTP). */
export function record(stream: ReplyStream) {
  const seen: Array<StreamBody & { driving: boolean }> = [];
  stream.body.subscribe((body) => seen.push({ ...body, driving: stream.driving }));
  return seen;
}

export function finalBody(stream: ReplyStream): Promise<StreamBody> {
  return waitFor(() => isFinal(stream.body.value.status) && stream.body.value, "final reply", 60_000);
}

export function growthWhileStreaming(seen: StreamBody[]): number[] {
  return [...new Set(seen.filter((b) => b.status === "streaming").map((b) => b.text.length))];
}

/** Creates streams and disposes of all of them after each test. */
export function streamTracker() {
  const streams: ReplyStream[] = [];
  afterEach(() => streams.splice(0).forEach((stream) => stream.dispose()));
  return (options: ReplyStreamOptions) => {
    const stream = new ReplyStream(options);
    streams.push(stream);
    return stream;
  };
}

/** Never starts a reply by itself within a test: isolates the behaviour under test from takeovers. */
export const NO_TAKEOVER = { takeoverAfterMs: 600_000 };
