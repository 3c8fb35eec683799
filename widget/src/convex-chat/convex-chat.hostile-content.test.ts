// Issue 5, hostile content: every payload of the corpus is sent as a visitor message and comes back
// as model output (the offline responder's echo mode), through the real backend and stream, into
// the real element. Nothing may run, load, carry a handler or a dangerous URL, or break the layout,
// in any state the DOM passes through.
import { expect } from "@open-wc/testing";
import { HOSTILE_PAYLOADS, payloadText, type HostilePayload } from "../../test/hostile-payloads.js";
import { watchForAttacks } from "../../test/hostile-checks.js";
import { freshVisitor, testBackend, waitFor } from "../../test/test-helpers.js";
import { chatFixture, waitUntilReady } from "../../test/chat-test-helpers.js";
import type { ConvexChat } from "./convex-chat.js";

/** Room left in one message (4,000 characters) after the echo marker. */
const BATCH_CHARS = 3_800;
/** Messages per visitor, within the default burst of the per-visitor rate limit. */
const MESSAGES_PER_VISITOR = 3;

const marker = (payload: HostilePayload) => `⟦${payload.id}⟧`;

/** Payloads packed into message texts, each after its own marker line. */
function batches(origin: string): Array<{ text: string; payloads: HostilePayload[] }> {
  const result: Array<{ text: string; payloads: HostilePayload[] }> = [];
  for (const payload of HOSTILE_PAYLOADS) {
    const piece = `${marker(payload)}\n\n${payloadText(payload, origin)}\n\n`;
    const last = result[result.length - 1];
    if (last && last.text.length + piece.length <= BATCH_CHARS) {
      last.text += piece;
      last.payloads.push(payload);
    } else result.push({ text: piece, payloads: [payload] });
  }
  return result;
}

function articles(chat: ConvexChat, role: "user" | "assistant"): HTMLElement[] {
  return [...(chat.shadowRoot?.querySelectorAll<HTMLElement>(`article.message.${role}`) ?? [])];
}

function layoutProblems(chat: ConvexChat): string[] {
  const problems: string[] = [];
  const log = chat.shadowRoot?.querySelector<HTMLElement>("[part=log]");
  const panel = chat.shadowRoot?.querySelector<HTMLElement>("[part=panel]");
  if (!log || !panel) return ["no log or panel"];
  if (log.scrollWidth > log.clientWidth + 1) problems.push(`the message list scrolls sideways (${log.scrollWidth} > ${log.clientWidth})`);
  const { right } = log.getBoundingClientRect();
  if (right > panel.getBoundingClientRect().right + 1) problems.push("the message list is wider than the panel");
  for (const article of chat.shadowRoot?.querySelectorAll<HTMLElement>("article.message") ?? []) {
    if (article.getBoundingClientRect().right > right + 1) problems.push(`a message sticks out: ${article.textContent?.slice(0, 40)}`);
    if (article.scrollWidth > article.clientWidth + 1) problems.push(`a message overflows: ${article.textContent?.slice(0, 40)}`);
  }
  return problems;
}

describe("<convex-chat> with hostile content", () => {
  beforeEach(freshVisitor);

  it(`shows ${HOSTILE_PAYLOADS.length} hostile payloads as visitor messages and as model output, safely`, async function () {
    this.timeout(300_000);
    expect(HOSTILE_PAYLOADS.length).to.be.at.least(100);
    const { url, siteUrl } = await testBackend();
    const allowed = [location.origin, new URL(url).origin, new URL(siteUrl).origin];
    const all = batches(location.origin);
    for (let first = 0; first < all.length; first += MESSAGES_PER_VISITOR) {
      await freshVisitor();
      const chat = await chatFixture();
      const width = chat.getBoundingClientRect().width;
      const watch = watchForAttacks(chat.shadowRoot!, "article.message .text", allowed);
      try {
        await waitUntilReady(chat);
        const mine = all.slice(first, first + MESSAGES_PER_VISITOR);
        for (const [i, batch] of mine.entries()) {
          await chat.send(`echo:${batch.text}`);
          const reply = await waitFor(
            () => {
              const replies = articles(chat, "assistant");
              return replies.length === i + 1 && ["done", "error", "timeout"].includes(replies[i].dataset.status ?? "") && replies[i];
            },
            `the reply to batch ${first + i}`,
            120_000,
          );
          expect(reply.dataset.status).to.equal("done");
          // The visitor's message is plain text, exactly as sent.
          const sent = articles(chat, "user")[i].querySelector(".text");
          expect(sent?.textContent).to.equal(`echo:${batch.text.trim()}`);
          expect(sent?.children.length).to.equal(0);
          // Every payload of the batch was rendered in the reply.
          const shown = reply.querySelector(".text")?.textContent ?? "";
          for (const payload of batch.payloads) expect(shown, payload.id).to.contain(marker(payload));
        }
        await watch.settle();
        const violations = watch.violations();
        expect(violations, violations.join("\n")).to.deep.equal([]);
        expect(layoutProblems(chat)).to.deep.equal([]);
        expect(chat.getBoundingClientRect().width).to.equal(width);
      } finally {
        watch.stop();
      }
    }
  });
});
