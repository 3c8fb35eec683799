// A session the server refuses on refresh (expired, revoked, a backend that forgot it) recovers by
// itself: no "Could not connect… The session has expired. Retry" banner, no leftover Stop button.
// An anonymous visitor continues as a new visitor and is told so, once; a signed customer signs in
// again as themselves and keeps their history. Here the session is really revoked on the server
// (auth:signOut with its own token) and the stored JWT is one the server refuses, as a returning
// visitor's page finds them.
import { expect } from "@open-wc/testing";
import { closeAllDeployments } from "../core/deployment.js";
import { revokeStoredSession, sessionKeys as keys, visitorOf } from "../../test/session-test-helpers.js";
import { freshVisitor, testBackend, TEST_SITE_KEY, waitFor } from "../../test/test-helpers.js";
import { chatFixture, finalReply, shownMessages, typeAndSend, waitUntilReady } from "../../test/chat-test-helpers.js";
import type { ConvexChat } from "./convex-chat.js";

async function reload(chat: ConvexChat): Promise<void> {
  chat.remove();
  await closeAllDeployments();
}

/** Records whether the error banner or a Stop button ever showed in `chat`. */
function watchForDeadEnds(chat: ConvexChat) {
  const seen = new Set<string>();
  const check = () => {
    if (chat.shadowRoot!.querySelector("[part=error]")) seen.add("error banner");
    if (chat.shadowRoot!.querySelector("[part=stop-button]")) seen.add("stop button");
  };
  const observer = new MutationObserver(check);
  observer.observe(chat.shadowRoot!, { subtree: true, childList: true, attributes: true });
  return { seen, stop: () => (check(), observer.disconnect()) };
}

async function signedIdentity(customerId: string): Promise<string> {
  const secret = (await testBackend()).demoIdentitySecret;
  const expiresAt = Date.now() + 3_600_000;
  const encoder = new TextEncoder();
  const key = await crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const mac = await crypto.subtle.sign("HMAC", key, encoder.encode(`${TEST_SITE_KEY}:${customerId}:${expiresAt}`));
  const signature = [...new Uint8Array(mac)].map((b) => b.toString(16).padStart(2, "0")).join("");
  return JSON.stringify({ customerId, expiresAt, signature });
}

const notice = (chat: ConvexChat) => chat.shadowRoot!.querySelector<HTMLElement>("[part=session-notice]");

describe("<convex-chat> a session refused on refresh", () => {
  beforeEach(freshVisitor);
  afterEach(freshVisitor);

  it("an anonymous visitor continues as a new visitor, told once, with no banner and no Stop button", async () => {
    const first = await chatFixture();
    await waitUntilReady(first);
    await typeAndSend(first, "Before the session ended.");
    expect((await finalReply(first)).status).to.equal("done");
    await reload(first);
    const oldVisitor = await revokeStoredSession();

    const chat = await chatFixture();
    const deadEnds = watchForDeadEnds(chat);
    await waitUntilReady(chat);
    const shown = await waitFor(() => notice(chat), "the notice");
    expect(shown.textContent).to.contain("Your previous session has ended");
    expect(shown.getAttribute("role")).to.equal("status");
    expect(visitorOf(localStorage.getItem((await keys()).jwt)!)).to.not.equal(oldVisitor);
    expect(shownMessages(chat), "the old visitor's messages are not this one's").to.deep.equal([]);
    deadEnds.stop();
    expect([...deadEnds.seen]).to.deep.equal([]);

    // The chat works at once; sending dismisses the notice.
    await typeAndSend(chat, "After the session ended.");
    expect((await finalReply(chat)).status).to.equal("done");
    expect(notice(chat)).to.equal(null);

    // Told once: the next page (a good session) says nothing.
    await reload(chat);
    const next = await chatFixture();
    await waitUntilReady(next);
    await waitFor(() => shownMessages(next).length === 2, "the new visitor's conversation");
    expect(notice(next)).to.equal(null);
  });

  it("the notice can be dismissed", async () => {
    const first = await chatFixture();
    await waitUntilReady(first);
    await reload(first);
    await revokeStoredSession();
    const chat = await chatFixture();
    await waitFor(() => notice(chat), "the notice");
    chat.shadowRoot!.querySelector<HTMLButtonElement>("[part=session-notice-dismiss]")!.click();
    await waitFor(() => notice(chat) === null, "the notice gone");
  });

  it("a signed customer signs in again as themselves: history kept, nothing to tell", async () => {
    const identity = await signedIdentity(`refused-${Math.random().toString(36).slice(2)}`);
    const first = await chatFixture({ identity });
    await waitUntilReady(first);
    await typeAndSend(first, "A customer's question.");
    expect((await finalReply(first)).status).to.equal("done");
    await reload(first);
    const customer = await revokeStoredSession();

    const chat = await chatFixture({ identity });
    const deadEnds = watchForDeadEnds(chat);
    await waitUntilReady(chat);
    await waitFor(() => shownMessages(chat).length === 2, "the customer's history");
    expect(shownMessages(chat)[0].text).to.equal("A customer's question.");
    expect(visitorOf(localStorage.getItem((await keys()).jwt)!)).to.equal(customer);
    expect(notice(chat)).to.equal(null);
    deadEnds.stop();
    expect([...deadEnds.seen]).to.deep.equal([]);
  });
});
