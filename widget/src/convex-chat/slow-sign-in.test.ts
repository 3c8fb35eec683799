// Opening the chat while it is still signing in (a slow or hung connection): focus goes into the
// composer at once, what the visitor types stays there, the first space types a space (it does not
// close the chat through the launcher), and a message sent before the sign-in ends goes once it has.
import { expect, fixture, html } from "@open-wc/testing";
import { sendKeys } from "@web/test-runner-commands";
import { getDeployment } from "../core/deployment.js";
import { proxy, proxyUrls } from "../../test/proxy-test-helpers.js";
import { freshVisitor, testBackend, TEST_SITE_KEY, waitFor } from "../../test/test-helpers.js";
import { finalReply, input, sendButton, shownMessages, statusLine } from "../../test/chat-test-helpers.js";
import { focused, launcher } from "../../test/shell-test-helpers.js";
import type { ConvexChat } from "./convex-chat.js";

async function floatingChat(backend: { url: string; siteUrl?: string }): Promise<ConvexChat> {
  return fixture<ConvexChat>(html`<convex-chat mode="floating" convex-url=${backend.url} site-url=${backend.siteUrl ?? ""}
    site-key=${TEST_SITE_KEY}></convex-chat>`);
}

/** Opens the chat from the keyboard, as a visitor tabbing to the launcher would. */
async function openWithKeyboard(chat: ConvexChat, key: "Enter" | "Space"): Promise<void> {
  launcher(chat).focus();
  await sendKeys({ press: key });
  await waitFor(() => chat.isOpen, "the panel open");
  await chat.updateComplete;
}

const signedIn = (chat: ConvexChat) => chat.shadowRoot!.querySelector<HTMLElement>("[part=composer]")?.dataset.session === "signed-in";

describe("<convex-chat> opened while signing in", () => {
  beforeEach(freshVisitor);
  afterEach(() => proxy("reset"));

  it("with a sign-in that never answers: focus in the composer, typing kept, space does not close", async () => {
    const { silentUrl } = await testBackend();
    getDeployment(silentUrl, { authTimeoutMs: 60_000 });
    const chat = await floatingChat({ url: silentUrl });
    await openWithKeyboard(chat, "Enter");
    await waitFor(() => focused(chat) === input(chat), "focus in the composer");
    expect(statusLine(chat).textContent).to.contain("Signing in");

    await sendKeys({ type: " Hello there" });
    expect(chat.isOpen, "the first space typed, not closed").to.equal(true);
    expect(input(chat).value).to.equal(" Hello there");
    expect(sendButton(chat).disabled, "a message can be sent: it waits for the sign-in").to.equal(false);
    await sendKeys({ press: "Enter" });
    await chat.updateComplete;
    expect(input(chat).value, "the text stays while it waits").to.equal(" Hello there");
    expect(signedIn(chat)).to.equal(false);
  });

  it("opened with Space while the backend holds the sign-in: typed and sent before it ends, it goes once signed in", async () => {
    await proxy("refuse");
    const chat = await floatingChat(await proxyUrls());
    await openWithKeyboard(chat, "Space");
    await waitFor(() => focused(chat) === input(chat), "focus in the composer");
    await sendKeys({ type: "Do you ship to Canada?" });
    await sendKeys({ press: "Enter" });
    expect(signedIn(chat)).to.equal(false);

    await proxy("accept");
    window.dispatchEvent(new Event("online"));
    const reply = await finalReply(chat);
    expect(reply.status).to.equal("done");
    // The offline responder answers the demo shop's question from the demo page's text.
    expect(reply.text).to.contain("We ship to the UK, the EU, the United States and Canada.");
    expect(shownMessages(chat)[0]).to.deep.equal({ role: "user", status: "done", text: "Do you ship to Canada?" });
    expect(input(chat).value).to.equal("");
    expect(chat.isOpen).to.equal(true);
  });

  it("several quick opens on a fast connection all put the focus in the composer", async () => {
    for (let i = 0; i < 5; i += 1) {
      await freshVisitor();
      const chat = await floatingChat(await testBackend());
      await openWithKeyboard(chat, "Enter");
      await waitFor(() => focused(chat) === input(chat), `focus in the composer (open ${i + 1})`, 5_000);
      await sendKeys({ type: "x " });
      expect(input(chat).value).to.equal("x ");
      expect(chat.isOpen).to.equal(true);
      chat.remove();
    }
  });
});
