import { expect } from "@open-wc/testing";
import { setViewport } from "@web/test-runner-commands";
import { waitFor } from "../../test/test-helpers.js";
import {
  consoleElement,
  freshConsole,
  has,
  inviteCode,
  operatorClient,
  part,
  parts,
  row,
  signUpOperator,
  SITE_A,
  SITE_B,
  SITE_INBOX,
  type,
  visitor,
  visitorSends,
} from "../../test/console-test-helpers.js";
import { chatApi } from "../core/api.js";
import { invitationsApi } from "../core/operator-api.js";
import { INBOX_PAGE_SIZE } from "./inbox-controller.js";
import type { ConvexChatConsole } from "./convex-chat-console.js";

const preview = (element: ConvexChatConsole, id: string) => row(element, id)?.querySelector("[part=preview]")?.textContent?.trim() ?? "";
const aiText = (element: ConvexChatConsole) => parts(element, "[part~=ai] .text").at(-1)?.textContent ?? "";

describe("<convex-chat-console> inbox", () => {
  beforeEach(freshConsole);
  afterEach(() => setViewport({ width: 800, height: 600 }));

  it("shows a visitor's new conversation live, unread; opened, the AI's reply grows in the transcript and the row is read", async () => {
    await setViewport({ width: 1280, height: 800 });
    const element = await consoleElement({ theme: "dark" });
    await waitFor(() => has(element, "[part=mode-button]"), "the form");
    await signUpOperator(element, SITE_A);
    await waitFor(() => has(element, "[part=inbox] [part=empty], [part=inbox] [part=list]"), "the list");
    await expect(element, "inbox").to.be.accessible();

    // A visitor writes: the row appears without any reload, unread, with the preview and label.
    const guest = await visitor(SITE_A);
    const question = `Where is my order? ${Math.random().toString(36).slice(2)}`;
    const first = await visitorSends(guest, SITE_A, question);
    const { conversationId } = first;
    const shown = await waitFor(() => row(element, conversationId), "the new row", 15_000);
    expect(shown.getAttribute("part")).to.contain("unread-row");
    expect(shown.querySelector("[part=visitor-label]")?.textContent).to.match(/^Visitor \w{4}$/);
    expect(shown.querySelector("[part=row-title]")?.textContent).to.equal(question);

    // Opened: the transcript, the visitor's context; the reply, driven by the visitor's tab, grows live.
    shown.click();
    await waitFor(() => has(element, "[part=transcript]"), "the transcript");
    expect(part(element, "[part~=visitor] .text").textContent).to.equal(question);
    expect(part(element, "[part=visitor-context]").textContent).to.contain("Visitor");
    await waitFor(() => !row(element, conversationId)?.getAttribute("part")?.includes("unread-row"), "read once opened");
    let opened = "";
    element.addEventListener("convex-chat-conversation-open", (event) => (opened = event.conversationId));

    const lengths: number[] = [];
    const observer = new MutationObserver(() => lengths.push(aiText(element).length));
    observer.observe(element.shadowRoot!, { subtree: true, childList: true, characterData: true });
    // The first reply was never driven (it would wait for its pending expiry, and a message sent
    // meanwhile waits for it): the visitor stops it, then asks again.
    await guest.client.mutation(chatApi.stopReply, { streamId: first.streamId! });
    const followUp = await visitorSends(guest, SITE_A, "Reply with 3000 characters, please.", { conversationId, drive: true });
    await waitFor(() => row(element, conversationId)?.querySelector("[part=replying-mark]"), "AI replying in the row", 15_000);
    await waitFor(
      () => parts(element, "[part~=ai]").at(-1)?.getAttribute("data-status") === "streaming" && aiText(element).length > 0,
      "the reply streaming",
    );
    await expect(element, "streaming").to.be.accessible();
    await waitFor(() => parts(element, "[part~=ai]").at(-1)?.getAttribute("data-status") === "done", "the reply done", 60_000);
    observer.disconnect();
    followUp.reply?.dispose();
    const final = aiText(element).length;
    const growing = new Set(lengths.filter((length) => length > 0 && length < final));
    expect(growing.size, "intermediate lengths seen").to.be.greaterThan(1);
    expect(final).to.be.greaterThan(2000);
    await waitFor(() => preview(element, conversationId).startsWith("AI:"), "the row's preview is the reply");
    expect(row(element, conversationId)?.querySelector("[part=replying-mark]")).to.equal(null);
    expect(opened).to.equal("");
    await expect(element, "conversation").to.be.accessible();
    await guest.close();
  });

  it("filters, searches, and loads older conversations with Load more", async () => {
    const element = await consoleElement();
    await waitFor(() => has(element, "[part=mode-button]"), "the form");
    await signUpOperator(element, SITE_INBOX);
    const guest = await visitor(SITE_INBOX);
    const tag = Math.random().toString(36).slice(2, 8);
    const ids: string[] = [];
    for (let i = 0; i < INBOX_PAGE_SIZE + 2; i++)
      ids.push((await visitorSends(guest, SITE_INBOX, `Question ${i} ${i === 3 ? `needle${tag}` : ""}`)).conversationId);
    await waitFor(() => row(element, ids.at(-1)!), "the newest row");
    // A live page keeps its end (query journals, as on Convex): rows that arrived while it was open
    // made it grow. A list opened now starts with one page.
    part<HTMLButtonElement>(element, "[data-filter=open]").click();
    await waitFor(() => part(element, "[data-filter=open]").getAttribute("aria-pressed") === "true", "the open filter");
    part<HTMLButtonElement>(element, "[data-filter=all]").click();
    await waitFor(() => parts(element, ".row").length === INBOX_PAGE_SIZE, "one page");
    await waitFor(() => has(element, "[part=load-more-button]"), "Load more");
    expect(row(element, ids[0])).to.equal(null);
    // Each press loads one more page (a press before the last page answered is ignored): press while
    // the button is there. It goes once the oldest page has arrived. The site may hold rows of an
    // earlier attempt of this test, so the count is read, not assumed.
    await waitFor(
      () => {
        const more = element.shadowRoot!.querySelector<HTMLButtonElement>("[part=load-more-button]");
        more?.click();
        return !more;
      },
      "every page",
      30_000,
    );
    const total = parts(element, ".row").length;
    expect(total).to.be.at.least(INBOX_PAGE_SIZE + 2);
    for (const id of ids) expect(row(element, id), id).to.not.equal(null);

    // A new message after Load more: its row moves to the top, shown once.
    await visitorSends(guest, SITE_INBOX, "Back again", { conversationId: ids[1] });
    await waitFor(() => parts(element, ".row")[0]?.dataset.conversationId === ids[1], "the row moved to the top");
    expect(parts(element, `.row[data-conversation-id="${ids[1]}"]`).length).to.equal(1);
    expect(parts(element, ".row").length).to.equal(total);

    // Resolved: none yet.
    part<HTMLButtonElement>(element, "[data-filter=resolved]").click();
    await waitFor(() => has(element, "[part=empty]"), "no resolved conversation");
    expect(part(element, "[data-filter=resolved]").getAttribute("aria-pressed")).to.equal("true");
    part<HTMLButtonElement>(element, "[data-filter=all]").click();

    type(element, "#search", `needle${tag}`);
    await waitFor(() => parts(element, ".row").length === 1 && row(element, ids[3]), "the one match");
    await expect(element, "search").to.be.accessible();
    type(element, "#search", "");
    await waitFor(() => parts(element, ".row").length > 1, "the whole list again");
    await guest.close();
  });

  it("switches between the sites of an operator of several", async () => {
    const element = await consoleElement({ siteKey: SITE_B });
    await waitFor(() => has(element, "[part=mode-button]"), "the form");
    const { email } = await signUpOperator(element, SITE_A, "agent");
    // The same person is invited to site B too, and redeems the code from another tab.
    const elsewhere = await operatorClient({ email, password: "correct horse battery" });
    await elsewhere.client.mutation(invitationsApi.redeem, { code: await inviteCode(SITE_B, email, "owner") });
    await elsewhere.close();

    // The list of sites is live; the attribute's site is preferred now that the operator has it.
    const switcher = await waitFor(
      () => element.shadowRoot!.querySelector<HTMLSelectElement>("[part=site-switcher]"),
      "the switcher",
      15_000,
    );
    await waitFor(() => switcher.value === SITE_B, "site B shown (the site-key attribute)");
    const seen: string[] = [];
    element.addEventListener("convex-chat-site-change", (event) => seen.push(event.siteKey));
    const guest = await visitor(SITE_A);
    const { conversationId } = await visitorSends(guest, SITE_A, "Only on site A");
    expect(row(element, conversationId)).to.equal(null);
    expect(part(element, "[part=role]").textContent).to.equal("Owner");

    switcher.value = SITE_A;
    switcher.dispatchEvent(new Event("change"));
    await waitFor(() => row(element, conversationId), "site A's conversation");
    expect(seen).to.deep.equal([SITE_A]);
    expect(part(element, "[part=role]").textContent).to.equal("Agent");
    expect(parts(element, "[part=nav-button]").length).to.equal(1);
    await expect(element, "switcher").to.be.accessible();
    await guest.close();
  });

  it("on a phone, shows one pane at a time with a way back", async () => {
    await setViewport({ width: 390, height: 800 });
    const element = await consoleElement();
    await waitFor(() => has(element, "[part=mode-button]"), "the form");
    await signUpOperator(element, SITE_A);
    const guest = await visitor(SITE_A);
    const { conversationId } = await visitorSends(guest, SITE_A, "Hello from a phone");
    const shown = await waitFor(() => row(element, conversationId), "the row");
    const visible = (selector: string) => part(element, selector).getClientRects().length > 0;
    expect(visible("[part=inbox]")).to.equal(true);
    shown.click();
    await waitFor(() => has(element, "[part=transcript]"), "the conversation");
    expect(visible("[part=inbox]")).to.equal(false);
    expect(visible("[part=back-button]")).to.equal(true);
    await expect(element, "phone conversation").to.be.accessible();
    part<HTMLButtonElement>(element, "[part=back-button]").click();
    await waitFor(() => visible("[part=inbox]"), "the list again");
    await waitFor(() => element.shadowRoot!.activeElement === row(element, conversationId), "focus back on the row");
    await guest.close();
  });
});
