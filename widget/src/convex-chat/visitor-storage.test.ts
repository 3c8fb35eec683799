// What the element keeps in storage for a visitor: one current conversation per site and key, and
// unconfirmed sends; signing out forgets all of them, also for sites and keys not on this page.
import { expect } from "@open-wc/testing";
import { chatApi } from "../core/api.js";
import { conversationStorageKey, DEFAULT_CONVERSATION_KEY } from "../core/conversation-store.js";
import { closeAllDeployments, findDeployment } from "../core/deployment.js";
import { newClientMessageId, outboxStorageKey } from "../core/outbox.js";
import { storageNamespace } from "../core/storage.js";
import { freshVisitor, testBackend, TEST_SITE_KEY, waitFor } from "../../test/test-helpers.js";
import { chatFixture, finalReply, shownMessages, typeAndSend, waitUntilReady } from "../../test/chat-test-helpers.js";
import type { ConvexChat } from "./convex-chat.js";

/** The backend's second site allowing this page (small rate limits; one message is fine). */
const OTHER_SITE_KEY = "limited";

async function sendAndFinish(chat: ConvexChat, text: string) {
  await typeAndSend(chat, text);
  await waitFor(() => shownMessages(chat).some((m) => m.role === "user" && m.text === text), `"${text}" shown`);
  return finalReply(chat);
}

/** Where the visitor's session is kept (Convex Auth's keys and ours). */
const sessionKeys = (namespace: string) =>
  ["__convexAuthJWT", "__convexAuthRefreshToken", "__convexChatSessionSubject"].map((key) => `${key}_${namespace}`);

const userTexts = (chat: ConvexChat) =>
  shownMessages(chat)
    .filter((m) => m.role === "user")
    .map((m) => m.text);

describe("<convex-chat> visitor storage", () => {
  beforeEach(freshVisitor);

  it("a site keeps its stored conversation while the same browser chats on another site of the deployment", async () => {
    const { url } = await testBackend();
    const namespace = storageNamespace(url);
    const demo = await chatFixture();
    await waitUntilReady(demo);
    expect((await sendAndFinish(demo, "Asked on the demo site")).status).to.equal("done");
    const demoConversation = localStorage.getItem(conversationStorageKey(namespace, TEST_SITE_KEY, DEFAULT_CONVERSATION_KEY));
    expect(demoConversation).to.be.a("string");

    // The other site's page (same key, same deployment and storage). The server binds a visitor to
    // one site, so that page has its own session: set this one aside for the way back.
    await closeAllDeployments();
    const demoSession = sessionKeys(namespace).map((key) => [key, localStorage.getItem(key)] as const);
    sessionKeys(namespace).forEach((key) => localStorage.removeItem(key));
    const other = await chatFixture({ siteKey: OTHER_SITE_KEY });
    await waitUntilReady(other);
    expect(userTexts(other), "the other site does not inherit the conversation").to.deep.equal([]);
    expect((await sendAndFinish(other, "Asked on the other site")).status).to.equal("done");
    expect(userTexts(other)).to.deep.equal(["Asked on the other site"]);

    // Back on the demo site: its conversation is still the current one.
    await closeAllDeployments();
    demoSession.forEach(([key, value]) => (value === null ? localStorage.removeItem(key) : localStorage.setItem(key, value)));
    const back = await chatFixture();
    await waitFor(() => userTexts(back).length === 1, "the demo conversation again");
    expect(userTexts(back)).to.deep.equal(["Asked on the demo site"]);
    expect(localStorage.getItem(conversationStorageKey(namespace, TEST_SITE_KEY, DEFAULT_CONVERSATION_KEY))).to.equal(demoConversation);
  });

  it("signOut() forgets the stored conversation and unconfirmed sends of every site and key: none reaches the next visitor", async () => {
    const { url } = await testBackend();
    const chat = await chatFixture({ conversationKey: "main" });
    await waitUntilReady(chat);
    const deployment = findDeployment(url)!;
    const namespace = storageNamespace(url);
    // Left by another page of the same visitor: a current conversation and a send never confirmed,
    // under a key (and a site) no element on this page uses.
    const { conversationId } = await deployment.client.mutation(chatApi.sendMessage, {
      siteKey: TEST_SITE_KEY,
      text: "The old visitor's question",
    });
    const conversationEntry = conversationStorageKey(namespace, TEST_SITE_KEY, "later");
    const outboxEntries = [outboxStorageKey(namespace, TEST_SITE_KEY, "later"), outboxStorageKey(namespace, OTHER_SITE_KEY, "main")];
    localStorage.setItem(conversationEntry, conversationId);
    const unsent = [
      { clientMessageId: newClientMessageId(), text: "The old visitor's unsent message", conversationId: null, createdAt: Date.now() },
    ];
    for (const key of outboxEntries) localStorage.setItem(key, JSON.stringify(unsent));

    await chat.signOut();
    await waitUntilReady(chat);
    expect(localStorage.getItem(conversationEntry)).to.equal(null);
    expect(outboxEntries.map((key) => localStorage.getItem(key))).to.deep.equal([null, null]);

    // An element with that key, as the new visitor, starts empty and sends nothing of the old one's.
    const later = await chatFixture({ conversationKey: "later" });
    await waitUntilReady(later);
    await later.updateComplete;
    expect(shownMessages(later)).to.deep.equal([]);
    expect(later.shadowRoot!.querySelectorAll("[part~=sending]")).to.have.length(0);
    expect(await deployment.client.query(chatApi.listConversations, { siteKey: TEST_SITE_KEY })).to.deep.equal([]);
  });

  it("a stored anonymous session of another site is not reused: the server binds a visitor to one site", async () => {
    const { url } = await testBackend();
    const demo = await chatFixture();
    await waitUntilReady(demo);
    const demoUser = localStorage.getItem(`__convexAuthJWT_${storageNamespace(url)}`);
    await closeAllDeployments();

    // Same storage, same deployment, another site: a new visitor who can send there.
    const other = await chatFixture({ siteKey: OTHER_SITE_KEY });
    await waitUntilReady(other);
    expect(localStorage.getItem(`__convexAuthJWT_${storageNamespace(url)}`)).to.not.equal(demoUser);
    expect((await sendAndFinish(other, "Asked with a session of this site")).status).to.equal("done");
  });
});
