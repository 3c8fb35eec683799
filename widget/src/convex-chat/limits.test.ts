// A refusal by the server's abuse limits, as the visitor meets it: a clear reason with when to
// retry, and nothing lost (the refused text stays in the composer; the server wrote nothing).
import { expect } from "@open-wc/testing";
import { ConvexError } from "convex/values";
import { describeError, formatWait } from "../core/errors.js";
import { freshVisitor, waitFor } from "../../test/test-helpers.js";
import {
  chatFixture,
  finalReply,
  input,
  sendButton,
  shownMessages,
  statusLine,
  typeAndSend,
  waitUntilReady,
} from "../../test/chat-test-helpers.js";

describe("<convex-chat> abuse limits", () => {
  beforeEach(freshVisitor);
  // Close this file's deployments too: a session left open could act on the next file's storage.
  afterEach(freshVisitor);

  it("shows a rate-limit refusal with when to retry, keeps the text and sends nothing", async () => {
    // The run's `limited` site allows one message per minute (web-test-runner.config.mjs).
    const chat = await chatFixture({ siteKey: "limited" });
    await waitUntilReady(chat);
    await typeAndSend(chat, "The one message allowed");
    await finalReply(chat);

    await typeAndSend(chat, "One too many");
    const status = await waitFor(
      () => /Try again in/.test(statusLine(chat).textContent ?? "") && statusLine(chat).textContent,
      "the refusal",
    );
    expect(status).to.match(/Try again in ([1-5]?\d s|60 s|1 min)\./);
    expect(input(chat).value).to.equal("One too many");
    expect(sendButton(chat).disabled).to.equal(true);
    expect(
      shownMessages(chat)
        .filter((m) => m.role === "user")
        .map((m) => m.text),
    ).to.deep.equal(["The one message allowed"]);
  });

  it("describes every refusal with its wait, rounded up", () => {
    const refusal = (retryAfterMs?: number) =>
      describeError(new ConvexError({ code: "RATE_LIMITED", message: "Slow down.", retryAfterMs }));
    expect(refusal(12_300)).to.deep.equal({ code: "RATE_LIMITED", message: "Slow down. Try again in 13 s.", retryAfterMs: 12_300 });
    expect(refusal(undefined).message).to.equal("Slow down.");
    expect([formatWait(1), formatWait(89_000), formatWait(91_000), formatWait(5_400_001), formatWait(36 * 3_600_000)]).to.deep.equal([
      "1 s",
      "89 s",
      "2 min",
      "2 h",
      "36 h",
    ]);
    const full = describeError(new ConvexError({ code: "CONVERSATION_FULL", message: "This conversation is full; start a new one." }));
    expect(full).to.deep.equal({ code: "CONVERSATION_FULL", message: "This conversation is full; start a new one." });
  });
});
