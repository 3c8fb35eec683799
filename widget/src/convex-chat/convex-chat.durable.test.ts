// Sends and replies that survive the network: a proxy between the browser and the local backend
// (web-test-runner.config.mjs) cuts every connection, refuses new ones, or drops the server's
// answers; "reload" removes the element and closes the page's client, keeping storage, as a
// reload does. What counts is what the server stored, read with a separate client.
import { expect } from "@open-wc/testing";
import { ConvexClient } from "convex/browser";
import { chatApi, type ChatMessage } from "../core/api.js";
import { closeAllDeployments, findDeployment } from "../core/deployment.js";
import { storageNamespace } from "../core/storage.js";
import { proxy, proxyUrls } from "../../test/proxy-test-helpers.js";
import { freshVisitor, testBackend, TEST_SITE_KEY, waitFor } from "../../test/test-helpers.js";
import { chatFixture, finalReply, input, recordReply, shownMessages, typeAndSend, waitUntilReady } from "../../test/chat-test-helpers.js";
import type { ConvexChat } from "./convex-chat.js";

/** A chat element whose every connection goes through the proxy. */
async function proxiedChat(): Promise<ConvexChat> {
  const chat = await chatFixture({ backend: await proxyUrls() });
  await waitUntilReady(chat);
  return chat;
}

/** What a reload does to the widget: the element and the page's client go; storage stays. */
async function reload(chat: ConvexChat): Promise<void> {
  chat.remove();
  await closeAllDeployments();
}

/** The visitor's stored conversations and messages, read directly from the backend (not through the proxy). */
async function stored(): Promise<{ conversations: number; messages: ChatMessage[] }> {
  const { url } = await testBackend();
  const token = localStorage.getItem(`__convexAuthJWT_${storageNamespace((await proxyUrls()).url)}`);
  const client = new ConvexClient(url, { unsavedChangesWarning: false });
  try {
    client.setAuth(async () => token);
    const conversations = await client.query(chatApi.listConversations, { siteKey: TEST_SITE_KEY });
    const messages = conversations.length ? await client.query(chatApi.listMessages, { conversationId: conversations[0]._id }) : [];
    return { conversations: conversations.length, messages };
  } finally {
    await client.close();
  }
}

/** Polls `read` until `accept` holds (the backend is read asynchronously, so waitFor cannot). */
async function eventually<T>(read: () => Promise<T>, accept: (value: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const value = await read();
    if (accept(value)) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const sendingShown = (chat: ConvexChat) => shownMessages(chat).filter((m) => m.status === "sending");

describe("<convex-chat> durable sends and reconnects", () => {
  beforeEach(freshVisitor);
  afterEach(() => proxy("reset"));

  it("a send whose answer was lost when the page reloaded is sent again: one message, one reply", async () => {
    const chat = await proxiedChat();
    await proxy("mute"); // the server gets the mutation; its answer never arrives
    await typeAndSend(chat, "Sent once, whatever happens.");
    await waitFor(() => sendingShown(chat).length === 1, "the message shown as sending");
    expect(sendingShown(chat)[0].text).to.equal("Sent once, whatever happens.");
    expect(input(chat).value).to.equal("");
    await eventually(stored, (s) => s.messages.length === 2, "the server to store the message");

    await reload(chat);
    await proxy("cut");
    await proxy("unmute");
    const reloaded = await chatFixture({ backend: await proxyUrls() });
    expect((await finalReply(reloaded)).status).to.equal("done");

    const { conversations, messages } = await stored();
    expect(conversations).to.equal(1);
    expect(messages.map((m) => [m.role, m.status ?? "done"])).to.deep.equal([
      ["user", "done"],
      ["assistant", "done"],
    ]);
    await waitFor(() => sendingShown(reloaded).length === 0 && shownMessages(reloaded).length === 2, "the stored messages only");
    expect(shownMessages(reloaded).map((m) => m.text)).to.deep.equal(messages.map((m) => m.content));
  });

  it("a send made while the network is down waits as sending and survives a reload: one message, one reply", async () => {
    const chat = await proxiedChat();
    await proxy("refuse");
    await proxy("cut");
    await typeAndSend(chat, "Written offline.");
    await waitFor(() => sendingShown(chat).length === 1, "the message shown as sending");
    await reload(chat);
    expect((await stored()).conversations).to.equal(0);

    await proxy("accept");
    const reloaded = await chatFixture({ backend: await proxyUrls() });
    await waitFor(() => sendingShown(reloaded).length === 1, "the unsent message shown after the reload");
    expect((await finalReply(reloaded)).status).to.equal("done");
    const { conversations, messages } = await stored();
    expect(conversations).to.equal(1);
    expect(messages.map((m) => m.role)).to.deep.equal(["user", "assistant"]);
    expect(messages[0].content).to.equal("Written offline.");
    expect(messages[1].status).to.equal("done");
  });

  it("a send cut off mid-flight completes once the connection is back, without a reload", async () => {
    const chat = await proxiedChat();
    await proxy("mute");
    await typeAndSend(chat, "Cut while in flight.");
    await eventually(stored, (s) => s.messages.length === 2, "the server to store the message");
    await proxy("cut");
    await proxy("unmute");
    expect((await finalReply(chat)).status).to.equal("done");
    const { conversations, messages } = await stored();
    expect(conversations).to.equal(1);
    expect(messages.map((m) => m.role)).to.deep.equal(["user", "assistant"]);
    expect(sendingShown(chat)).to.deep.equal([]);
  });

  it("a long reply survives every connection being cut mid-reply (twice): the text on screen equals the stored text", async () => {
    const chat = await proxiedChat();
    const client = findDeployment((await proxyUrls()).url)!.client;
    const recorded = recordReply(chat);
    const streamedLength = () => recorded.seen.filter((s) => s.status === "streaming").at(-1)?.text.length ?? 0;
    await typeAndSend(chat, "Please reply with 3000 characters.");

    const finished = () => recorded.seen.at(-1)?.status === "done";
    let cuts = 0;
    for (const beyond of [400, 1_400]) {
      await waitFor(() => streamedLength() > beyond || finished(), `the reply to pass ${beyond} characters`, 60_000);
      // On a slow machine the reply may have finished while the client reconnected from the first cut.
      if (finished()) break;
      cuts += 1;
      const connectionsBefore = client.connectionState().connectionCount;
      const cut = await proxy<number>("cut");
      expect(cut, "live connections cut").to.be.greaterThan(0);
      // The client reconnects and its subscriptions resume: the reply keeps growing on screen.
      await waitFor(() => client.connectionState().connectionCount > connectionsBefore, "the client to reconnect", 60_000);
    }
    const reply = await finalReply(chat);
    recorded.stop();
    expect(cuts, "cuts made while the reply was streaming").to.be.greaterThan(0);

    const { messages } = await stored();
    const storedReply = messages.find((m) => m.role === "assistant")!;
    expect(storedReply.status).to.equal("done");
    expect(storedReply.content).to.have.length(3_000);
    expect(reply).to.deep.equal({ role: "assistant", status: "done", text: storedReply.content });
    // Nothing shown twice or skipped on the way: every state was a prefix of the final text.
    for (const state of recorded.seen)
      expect(storedReply.content.startsWith(state.text), `shown: …${state.text.slice(-40)}`).to.equal(true);
    expect(chat.shadowRoot!.querySelector("[part=error], [part=reply-error]")).to.equal(null);
  });

  it("a reply cut off while the network stays down resumes when the browser is back online", async () => {
    const chat = await proxiedChat();
    const client = findDeployment((await proxyUrls()).url)!.client;
    const recorded = recordReply(chat);
    await typeAndSend(chat, "Please reply with 2000 characters.");
    await waitFor(() => (recorded.seen.at(-1)?.text.length ?? 0) > 300, "the reply to start", 60_000);
    await proxy("refuse");
    await proxy("cut");
    // Down long enough for the client's backoff to grow past a second.
    await waitFor(() => client.connectionState().connectionRetries >= 2, "failed reconnects", 60_000);
    const frozen = recorded.seen.at(-1)!;
    expect(frozen.status, "no error while disconnected").to.not.be.oneOf(["error", "timeout"]);

    await proxy("accept");
    window.dispatchEvent(new Event("online"));
    const reply = await finalReply(chat);
    recorded.stop();
    const storedReply = (await stored()).messages.find((m) => m.role === "assistant")!;
    expect(reply).to.deep.equal({ role: "assistant", status: "done", text: storedReply.content });
    expect(storedReply.content).to.have.length(2_000);
    for (const state of recorded.seen) expect(storedReply.content.startsWith(state.text)).to.equal(true);
  });
});
