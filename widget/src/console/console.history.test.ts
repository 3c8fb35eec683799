// A long conversation in <convex-chat-console>, against the real backend: the newest 100 messages
// live, "Load earlier" for the rest (inbox:listMessages), and new messages still arriving live.
import { expect } from "@open-wc/testing";
import { chatApi } from "../core/api.js";
import { inboxApi } from "../core/operator-api.js";
import { waitFor } from "../../test/test-helpers.js";
import {
  consoleElement,
  freshConsole,
  has,
  newOperator,
  part,
  parts,
  row,
  signUpOperator,
  SITE_B,
  visitor,
} from "../../test/console-test-helpers.js";
import type { ConvexChatConsole } from "./convex-chat-console.js";

/** Every line of the transcript: messages and system lines, in order. */
const transcriptLines = (element: ConvexChatConsole) =>
  parts(element, "[part=transcript] > article, [part=transcript] > [part=system-line]").map(
    (line) => (line.querySelector(".text") ?? line).textContent?.trim() ?? "",
  );

describe("<convex-chat-console> a long conversation", function () {
  this.timeout(120_000);
  beforeEach(freshConsole);

  it("shows the newest 100 messages live and loads the earlier ones on demand", async () => {
    const element = await consoleElement({ siteKey: SITE_B });
    await signUpOperator(element, SITE_B);
    // 121 messages through the public API: the visitor asks for a person (no AI replies), then
    // writes 60 times, each answered by a person (the first answer takes over: "Sam joined").
    const person = await visitor(SITE_B);
    const sam = await newOperator(SITE_B, "Sam");
    const { conversationId } = await person.client.mutation(chatApi.requestHuman, { siteKey: SITE_B });
    for (let i = 1; i <= 60; i += 1) {
      await person.client.mutation(chatApi.sendMessage, { siteKey: SITE_B, conversationId, text: `Question ${i}` });
      await sam.client.mutation(inboxApi.reply, { conversationId, text: `Answer ${i}` });
    }

    const shown = await waitFor(() => row(element, conversationId), "the conversation's row", 15_000);
    shown.click();
    const button = await waitFor(
      () => element.shadowRoot!.querySelector<HTMLButtonElement>("[part=load-earlier-button]"),
      "Load earlier",
      15_000,
    );
    // Opened at its newest message.
    const transcript = part(element, "[part=transcript]");
    const atEnd = () => transcript.scrollHeight - transcript.scrollTop - transcript.clientHeight < 2;
    await waitFor(atEnd, "scrolled to the newest message");
    expect(transcript.scrollTop).to.be.greaterThan(0);
    let lines = transcriptLines(element);
    expect(lines.length).to.equal(100);
    expect(lines.at(-1)).to.equal("Answer 60");
    expect(lines[0]).to.equal("Question 11");
    await expect(element, "a long conversation").to.be.accessible();

    button.click();
    await waitFor(() => !has(element, "[part=load-earlier-button]"), "everything loaded (no more button)", 15_000);
    lines = transcriptLines(element);
    expect(lines.length).to.equal(121);
    expect(lines.slice(0, 3)).to.deep.equal(["Question 1", "Sam joined", "Answer 1"]);
    expect(lines.at(-1)).to.equal("Answer 60");
    expect(new Set(lines).size, "no message twice").to.equal(121);

    // The newest page is still live: a new message shows after the earlier ones are loaded.
    await person.client.mutation(chatApi.sendMessage, { siteKey: SITE_B, conversationId, text: "One more thing" });
    transcript.scrollTop = transcript.scrollHeight;
    await waitFor(() => transcriptLines(element).at(-1) === "One more thing", "the new message, live", 15_000);
    await waitFor(atEnd, "still at the newest message");
    expect(transcriptLines(element).length).to.equal(122);
    expect(transcriptLines(element)[0]).to.equal("Question 1");
    expect(part(element, "[part=transcript]").getAttribute("aria-busy")).to.equal("false");
  });
});
