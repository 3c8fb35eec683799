// The visitor always sees the connection: the header's dot and words follow the real ConvexClient
// state, a reply cut off by the backend going away stops its caret and says it waits, and a message
// sent while the backend is away is shown as queued and goes once it is back. The backend "stops"
// and "restarts" through the proxy of web-test-runner.config.mjs: every connection cut, new ones
// refused, then accepted again.
import { expect } from "@open-wc/testing";
import { findDeployment } from "../core/deployment.js";
import { proxy, proxyUrls } from "../../test/proxy-test-helpers.js";
import { freshVisitor, waitFor } from "../../test/test-helpers.js";
import { chatFixture, finalReply, input, shownMessages, statusLine, typeAndSend, waitUntilReady } from "../../test/chat-test-helpers.js";
import type { ConvexChat } from "./convex-chat.js";

const $ = (chat: ConvexChat, selector: string) => chat.shadowRoot!.querySelector<HTMLElement>(selector);
const dotState = (chat: ConvexChat) => $(chat, "[part=connection-dot]")?.dataset.state;
const words = (chat: ConvexChat) => $(chat, "[part=connection]")!;
const newestReply = (chat: ConvexChat) => [...chat.shadowRoot!.querySelectorAll<HTMLElement>("article.assistant")].at(-1)!;

/** The backend goes away: live connections cut, new ones refused, until `backendBack`. */
async function backendDown(): Promise<void> {
  await proxy("refuse");
  await proxy("cut");
}

async function backendBack(): Promise<void> {
  await proxy("accept");
  // What the browser fires when the network returns; the client would also retry on its own backoff.
  window.dispatchEvent(new Event("online"));
}

async function proxiedChat(): Promise<ConvexChat> {
  const chat = await chatFixture({ backend: await proxyUrls() });
  await waitUntilReady(chat);
  await waitFor(() => dotState(chat) === "connected", "the dot to say connected");
  return chat;
}

describe("<convex-chat> connection state", () => {
  beforeEach(freshVisitor);
  afterEach(() => proxy("reset"));

  it("the header says connected, then reconnecting/offline while the backend is down, then connected again", async () => {
    const chat = await proxiedChat();
    expect(words(chat).textContent).to.equal("Connected");
    expect(words(chat).classList.contains("visually-hidden")).to.equal(true);
    expect(words(chat).getAttribute("role")).to.equal("status");

    await backendDown();
    await waitFor(() => dotState(chat) === "reconnecting" || dotState(chat) === "offline", "the dot to leave connected");
    // Several refused attempts: the server is unreachable, and the header says so in words.
    await waitFor(() => dotState(chat) === "offline", "offline after repeated failures", 30_000);
    expect(words(chat).textContent).to.equal("Offline");
    expect(words(chat).classList.contains("visually-hidden")).to.equal(false);
    expect(getComputedStyle($(chat, "[part=connection-dot]")!).backgroundColor, "not the connected colour").to.not.equal(
      getComputedStyle(chat.shadowRoot!.querySelector("[part=send-button]")!).backgroundColor,
    );

    await backendBack();
    await waitFor(() => dotState(chat) === "connected", "connected again", 30_000);
    expect(words(chat).textContent).to.equal("Connected");
  });

  it("a reply cut off mid-stream stops its caret and says it waits for the connection, then finishes", async () => {
    const chat = await proxiedChat();
    await typeAndSend(chat, "Please reply with 2500 characters.");
    await waitFor(
      () => (shownMessages(chat).at(-1)?.text.length ?? 0) > 200 && shownMessages(chat).at(-1)?.status === "streaming",
      "the reply to stream",
    );
    expect($(chat, "[part=caret]"), "a caret while streaming").to.not.equal(null);

    await backendDown();
    await waitFor(() => newestReply(chat).querySelector("[part=reply-waiting]"), "the waiting note");
    expect(newestReply(chat).querySelector("[part=reply-waiting]")!.textContent).to.equal("Waiting for connection…");
    expect($(chat, "[part=caret]"), "no blinking caret while nothing can arrive").to.equal(null);

    await backendBack();
    const reply = await finalReply(chat);
    expect(reply.status).to.equal("done");
    expect(reply.text).to.have.length(2_500);
    expect(newestReply(chat).querySelector("[part=reply-waiting]")).to.equal(null);
  });

  it("a message sent while the backend is down is shown as queued, and goes once it is back", async () => {
    const chat = await proxiedChat();
    const client = findDeployment((await proxyUrls()).url)!.client;
    await backendDown();
    await waitFor(() => dotState(chat) === "offline", "offline", 30_000);
    expect(statusLine(chat).textContent).to.contain("Offline");

    await typeAndSend(chat, "Sent while the backend was down.");
    const queued = await waitFor(() => $(chat, "article.sending [part=reply-queued]"), "the message shown as queued");
    expect(queued.textContent).to.equal("Queued: sends when the connection is back.");
    expect(input(chat).value, "the text moved to the log").to.equal("");
    expect(client.connectionState().inflightMutations).to.equal(1);

    await backendBack();
    const reply = await finalReply(chat);
    expect(reply.status).to.equal("done");
    const [question] = shownMessages(chat);
    expect(question).to.deep.equal({ role: "user", status: "done", text: "Sent while the backend was down." });
    expect($(chat, "[part=reply-queued]")).to.equal(null);
  });
});
