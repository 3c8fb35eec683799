/** Issue 2: time from chat:sendMessage to the first streamed byte at the driver. */
import type { Id } from "../convex/_generated/dataModel.js";
import { api } from "../convex/_generated/api.js";
import type { BenchBackend } from "./backend.ts";
import { ms, percentile, type Figure } from "./stats.ts";
import { openVisitor, postChatStream, SITE_KEY } from "./visitor.ts";

export async function measureFirstByte(
  backend: BenchBackend,
  replies: number,
  tokenDelayMs: number,
): Promise<Figure & { p50: number; p95: number }> {
  const visitor = await openVisitor(backend.url);
  const total: number[] = [];
  const mutation: number[] = [];
  let conversationId: Id<"conversations"> | undefined;
  try {
    for (let i = -1; i < replies; i++) {
      // i = -1: one warm-up reply, not counted
      const start = performance.now();
      const sent = await visitor.client.mutation(api.chat.sendMessage, {
        siteKey: SITE_KEY,
        conversationId,
        text: `Question ${i + 2}: which tea suits a cold evening?`,
      });
      const accepted = performance.now();
      conversationId = sent.conversationId;
      const reader = await postChatStream(backend.siteUrl, visitor.token, sent.streamId!);
      const first = await reader.read();
      const firstByte = performance.now();
      if (first.done || first.value.length === 0) throw new Error("The reply stream ended without a byte");
      while (!(await reader.read()).done); // let the reply finish before the next one
      if (i < 0) continue;
      total.push(firstByte - start);
      mutation.push(accepted - start);
    }
  } finally {
    await visitor.close();
  }
  return {
    p50: percentile(total, 50),
    p95: percentile(total, 95),
    title: "Issue 2 — chat:sendMessage to the first streamed byte at the driver",
    results: [
      `p50 ${ms(percentile(total, 50))}, p95 ${ms(percentile(total, 95))} over ${total.length} replies (min ${ms(Math.min(...total))}, max ${ms(Math.max(...total))})`,
      `of which sendMessage round trip: p50 ${ms(percentile(mutation, 50))}, p95 ${ms(percentile(mutation, 95))}`,
    ],
    method:
      `one anonymous visitor (ConvexClient over ws, auth:signIn) in this process, local backend in a child process, all on ` +
      `127.0.0.1; per reply: performance.now() before client.mutation(chat:sendMessage), then fetch POST /chat-stream ` +
      `{streamId} with the JWT, stop the clock at the response body's first chunk; the body is read to its end before the ` +
      `next send; one warm-up reply not counted; same conversation throughout. Offline responder at ` +
      `OFFLINE_TOKEN_DELAY_MS=${tokenDelayMs} (its pause before each token, the first included, is part of the figure).`,
  };
}
