// A long conversation is paged: a tab opening it shows the newest page only; scrolling to the top
// loads older pages, in order, each message once, without moving what the visitor reads; and a new
// exchange still streams into it.
import { expect, oneEvent } from "@open-wc/testing";
import { executeServerCommand } from "@web/test-runner-commands";
import { closeAllDeployments } from "../core/deployment.js";
import { MESSAGE_PAGE_SIZE } from "../core/message-pages.js";
import { freshVisitor, waitFor } from "../../test/test-helpers.js";
import {
  chatFixture,
  finalReply,
  lengthsWhileStreaming,
  recordReply,
  shownMessages,
  typeAndSend,
  waitUntilReady,
} from "../../test/chat-test-helpers.js";
import type { ConvexChat } from "./convex-chat.js";
import type { ConvexChatSendEvent } from "../events/convex-chat-send.js";

const SEEDED = 69;

const log = (chat: ConvexChat) => chat.shadowRoot!.querySelector<HTMLElement>("[part=log]")!;
const texts = (chat: ConvexChat) => shownMessages(chat).map((m) => m.text);
const firstMessage = (chat: ConvexChat) => log(chat).querySelector<HTMLElement>("article.message")!;
const topInLog = (chat: ConvexChat, element: Element) => element.getBoundingClientRect().top - log(chat).getBoundingClientRect().top;

/** Scrolls the log to its top; resolves once the next older page is shown. */
async function scrollUpForOlder(chat: ConvexChat, statusSeen: { count: number }) {
  const before = shownMessages(chat).length;
  const reading = firstMessage(chat);
  let readingAt = NaN;
  await waitFor(() => {
    if (shownMessages(chat).length > before) return true;
    // Scrolled back down: an update landed before the log's scroll event (the log still followed
    // the newest message then). Up again, as a visitor would.
    if (log(chat).scrollTop > 100) {
      log(chat).scrollTop = 0;
      readingAt = topInLog(chat, reading);
    }
    return false;
  }, "an older page").catch((error: Error) => {
    const older = chat.shadowRoot!.querySelector<HTMLElement>("[part=older]")!;
    throw new Error(
      `${error.message} (shown ${before}, top of the log ${older.dataset.older}, "${older.textContent?.trim()}", scrollTop ${log(chat).scrollTop})`,
    );
  });
  await chat.updateComplete;
  // What the visitor was reading stays where it was: the older messages went above it.
  expect(Math.abs(topInLog(chat, reading) - readingAt), "scroll jump in px").to.be.below(2);
  expect(statusSeen.count).to.be.above(0);
}

describe("<convex-chat> message paging", () => {
  beforeEach(freshVisitor);

  it("shows the newest page of a long conversation, loads older ones on scroll up, and still streams a new reply", async () => {
    let chat = await chatFixture();
    await waitUntilReady(chat);
    const sent = oneEvent(chat, "convex-chat-send") as unknown as Promise<ConvexChatSendEvent>;
    await typeAndSend(chat, "Question 0");
    const { conversationId } = await sent;
    const firstReply = (await finalReply(chat)).text;
    await executeServerCommand("seed-exchanges", { conversationId, exchanges: SEEDED });
    const expected = ["Question 0", firstReply];
    for (let n = 1; n <= SEEDED; n++) expected.push(`Question ${n}`, `Answer to Question ${n}.`);

    // The tab reloads: it opens the conversation with its newest page only.
    chat.remove();
    await closeAllDeployments();
    chat = await chatFixture();
    await waitFor(() => texts(chat).at(-1) === expected.at(-1), "the conversation's newest message");
    expect(texts(chat)).to.deep.equal(expected.slice(-MESSAGE_PAGE_SIZE));
    // And stays so: opening is no scroll to the top (no older page loads until the visitor scrolls up).
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(texts(chat)).to.deep.equal(expected.slice(-MESSAGE_PAGE_SIZE));

    // The status line says when older messages load (role=status: announced politely).
    const status = chat.shadowRoot!.querySelector<HTMLElement>("[part=older-status]")!;
    expect(status.getAttribute("role")).to.equal("status");
    const statusSeen = { count: 0 };
    const watch = new MutationObserver(() => (statusSeen.count += status.textContent === "Loading earlier messages…" ? 1 : 0));
    watch.observe(status, { childList: true, characterData: true, subtree: true });

    await scrollUpForOlder(chat, statusSeen);
    expect(texts(chat)).to.deep.equal(expected.slice(-2 * MESSAGE_PAGE_SIZE));
    const older = chat.shadowRoot!.querySelector<HTMLElement>("[part=older]")!;
    while (older.dataset.older === "more") await scrollUpForOlder(chat, statusSeen);
    watch.disconnect();
    expect(texts(chat)).to.deep.equal(expected);
    expect(status.textContent).to.equal("");

    // Two new exchanges in the open tab: the reply streams, nothing is shown twice.
    for (const question of ["Question 70", "Question 71"]) {
      const reply = recordReply(chat);
      await typeAndSend(chat, question);
      const done = await waitFor(
        () => {
          const shown = shownMessages(chat);
          const answer = shown[shown.findIndex((m) => m.text === question) + 1];
          return answer && ["done", "error", "timeout", "stopped"].includes(answer.status) && answer;
        },
        `the reply to ${question}`,
        60_000,
      );
      reply.stop();
      expect(lengthsWhileStreaming(reply.seen).length, "distinct lengths while streaming").to.be.above(1);
      expected.push(question, done.text);
      await waitFor(() => texts(chat).length === expected.length, "the new exchange");
      expect(texts(chat)).to.deep.equal(expected);
    }
  });
});
