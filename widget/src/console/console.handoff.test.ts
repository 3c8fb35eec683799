// The operator's side of human handoff in <convex-chat-console>, against the real backend: a
// waiting conversation marked and filtered, take over / reply / hand back / resolve / reopen from
// the conversation view, system lines, the visitor typing, and the tab title's count.
import { expect } from "@open-wc/testing";
import { chatApi } from "../core/api.js";
import { waitFor } from "../../test/test-helpers.js";
import {
  consoleElement,
  freshConsole,
  has,
  part,
  parts,
  row,
  signUpOperator,
  SITE_HANDOFF,
  type,
  visitor,
  visitorSends,
} from "../../test/console-test-helpers.js";
import type { ConvexChatConsole } from "./convex-chat-console.js";

// A conversation's buttons are disabled while an action is on its way: click once enabled (the
// mode can show before the call that changed it has returned).
const click = async (element: ConvexChatConsole, selector: string) => {
  const button = await waitFor(() => {
    const found = element.shadowRoot!.querySelector<HTMLButtonElement>(selector);
    return found && !found.disabled && found;
  }, `${selector} enabled`);
  button.click();
  await element.updateComplete;
};
/** Enter in the reply field, as the operator presses it. */
const pressEnter = (element: ConvexChatConsole) =>
  part<HTMLTextAreaElement>(element, "#reply-input").dispatchEvent(
    new KeyboardEvent("keydown", { key: "Enter", bubbles: true, composed: true }),
  );
/** A signed-in operator's console, and a visitor's conversation on their site that asks for a person. */
async function waitingConversation(firstMessage: string) {
  const element = await consoleElement({ siteKey: SITE_HANDOFF });
  await signUpOperator(element, SITE_HANDOFF);
  const person = await visitor(SITE_HANDOFF);
  const { conversationId } = await visitorSends(person, SITE_HANDOFF, firstMessage);
  await person.client.mutation(chatApi.requestHuman, { siteKey: SITE_HANDOFF, conversationId });
  return { element, person, conversationId };
}
const lines = (element: ConvexChatConsole) => parts(element, "[part=system-line]").map((line) => line.textContent);

describe("<convex-chat-console> human handoff", function () {
  this.timeout(90_000);
  beforeEach(freshConsole);

  it("marks a waiting conversation, counts it in the title, and takes over, replies, hands back, resolves and reopens", async () => {
    document.title = "Support";
    const { element, person, conversationId } = await waitingConversation("I need help with my order");

    await click(element, "[data-filter=waiting]");
    const waiting = await waitFor(() => row(element, conversationId), "the waiting row");
    expect(waiting.getAttribute("part")).to.contain("waiting-row");
    expect(waiting.querySelector("[part=waiting-mark]")?.textContent).to.match(/^Waiting /);
    await waitFor(() => document.title === "(1) Support", "the title's count");
    await expect(element, "the waiting filter").to.be.accessible();

    waiting.click();
    await waitFor(() => has(element, "[part=take-over-button]"), "the conversation's actions");
    expect(part(element, "[part=mode]").dataset.mode).to.equal("waiting");
    await waitFor(() => document.title === "Support", "the title restored once read");

    // The visitor types: the indicator shows, then goes by itself.
    await person.client.mutation(chatApi.setTyping, { conversationId, typing: true });
    await waitFor(() => has(element, "[part=visitor-typing]"), "the visitor typing");
    await waitFor(() => !has(element, "[part=visitor-typing]"), "the indicator gone by itself", 9_000);
    await person.client.mutation(chatApi.heartbeat, { conversationId });
    await waitFor(() => part(element, "[part=visitor-presence]").dataset.onPage === "true", "on the page");

    await click(element, "[part=take-over-button]");
    await waitFor(() => part(element, "[part=mode]").dataset.mode === "human", "taken over");
    expect(part(element, "[part=mode]").textContent).to.contain("You");
    await waitFor(() => lines(element).some((line) => line?.endsWith("joined")), "the joined line");
    expect(has(element, "[part=take-over-button]")).to.equal(false);

    type(element, "#reply-input", "Hello, I can help.");
    pressEnter(element);
    await waitFor(
      () => parts(element, "article.operator").some((m) => m.textContent?.includes("Hello, I can help.")),
      "the reply in the transcript",
    );
    await waitFor(() => part<HTMLTextAreaElement>(element, "#reply-input").value === "", "the field cleared once sent");
    await expect(element, "a conversation the operator holds").to.be.accessible();

    await click(element, "[part=hand-back-button]");
    await waitFor(() => part(element, "[part=mode]").dataset.mode === "ai", "handed back");
    await waitFor(() => lines(element).some((line) => line?.endsWith("left")), "the left line");

    await click(element, "[part=resolve-button]");
    await waitFor(() => has(element, "[part=reopen-button]") && lines(element).includes("Resolved"), "resolved");
    await click(element, "[part=reopen-button]");
    await waitFor(() => has(element, "[part=resolve-button]") && lines(element).includes("Reopened"), "reopened");
  });

  it("leaves the title alone with no-title-count", async () => {
    document.title = "Admin";
    const element = await consoleElement({ siteKey: SITE_HANDOFF });
    element.noTitleCount = true;
    await signUpOperator(element, SITE_HANDOFF);
    const person = await visitor(SITE_HANDOFF);
    const { conversationId } = await person.client.mutation(chatApi.requestHuman, { siteKey: SITE_HANDOFF });
    await click(element, "[data-filter=waiting]");
    await waitFor(() => row(element, conversationId), "the waiting row");
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(document.title).to.equal("Admin");
  });

  it("sends a reply typed while the take-over is on its way right after it, and Send stays usable", async () => {
    const { element, conversationId } = await waitingConversation("Is anyone there?");
    await click(element, "[data-filter=waiting]");
    (await waitFor(() => row(element, conversationId), "the waiting row")).click();
    await waitFor(() => has(element, "[part=take-over-button]"), "the conversation's actions");

    // Take over, and answer at once: the take-over's call has not returned when Enter is pressed.
    part<HTMLButtonElement>(element, "[part=take-over-button]").click();
    type(element, "#reply-input", "Yes, I am here.");
    await element.updateComplete;
    expect(part<HTMLButtonElement>(element, "[part=reply-send-button]").disabled, "Send while taking over").to.equal(false);
    pressEnter(element);

    await waitFor(
      () => parts(element, "article.operator").some((m) => m.textContent?.includes("Yes, I am here.")),
      "the reply in the transcript",
    );
    expect(part(element, "[part=mode]").dataset.mode).to.equal("human");
    await waitFor(() => part<HTMLTextAreaElement>(element, "#reply-input").value === "", "the field cleared once sent");
    const replies = parts(element, "article.operator").filter((m) => m.textContent?.includes("Yes, I am here."));
    expect(replies, "sent once").to.have.length(1);
  });
});
