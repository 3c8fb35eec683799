import { expect, fixture, html } from "@open-wc/testing";
import { resolveStrings, isRtlLanguage } from "../core/strings/index.js";
import { freshVisitor, TEST_SITE_KEY, testBackend, waitFor } from "../../test/test-helpers.js";
import { input, sendButton, waitUntilReady } from "../../test/chat-test-helpers.js";
import type { ConvexChat } from "./convex-chat.js";
import { shellPart } from "../../test/shell-test-helpers.js";

async function chatWith(attributes: Record<string, string>, container?: HTMLElement): Promise<ConvexChat> {
  const { url, siteUrl } = await testBackend();
  const chat = document.createElement("convex-chat");
  for (const [name, value] of Object.entries({ "convex-url": url, "site-url": siteUrl, "site-key": TEST_SITE_KEY, ...attributes }))
    chat.setAttribute(name, value);
  (container ?? (await fixture<HTMLDivElement>(html`<div></div>`))).append(chat);
  await chat.updateComplete;
  return chat;
}

const text = (chat: ConvexChat, selector: string) => shellPart(chat, selector).textContent?.trim();

describe("<convex-chat> text and languages", () => {
  beforeEach(freshVisitor);

  it("title, placeholder and greeting attributes replace the defaults; the title is no tooltip", async () => {
    const chat = await chatWith({ title: "Ask Juniper", placeholder: "Your question", greeting: "Hi! How can we help?" });
    expect(text(chat, "[part=title]")).to.equal("Ask Juniper");
    expect(input(chat).placeholder).to.equal("Your question");
    expect(text(chat, "[part=greeting]")).to.equal("Hi! How can we help?");
    expect(shellPart(chat, ".root").getAttribute("title")).to.equal("");
    expect(shellPart(chat, "[part=panel]").getAttribute("aria-labelledby")).to.equal("title");
  });

  it("the strings property replaces any string, falls back for the rest and ignores wrong types", async () => {
    const chat = await chatWith({ mode: "floating" });
    chat.strings = { send: "Ask", openChat: "Questions?", unread: (n) => `${n} unread`, greeting: 42 as unknown as string };
    await waitUntilReady(chat);
    expect(sendButton(chat).textContent?.trim()).to.equal("Ask");
    expect(shellPart(chat, "[part=launcher]").getAttribute("aria-label")).to.equal("Questions?");
    // A greeting of the wrong type is ignored: the site's own greeting (chat:siteProfile) shows, and
    // without one the built-in default.
    await waitFor(() => shellPart(chat, "[part=greeting]").textContent === "Hi! Ask me anything.", "the site's greeting");
    expect(resolveStrings("en", { greeting: 42 as unknown as string }).greeting).to.equal("Ask a question to start the conversation.");
    expect(resolveStrings("en", { unread: (n) => `${n} unread` }).unread(3)).to.equal("3 unread");
  });

  it("lang=fr uses the French strings; the page's lang is the default", async () => {
    const chat = await chatWith({ lang: "fr", mode: "floating" });
    await waitUntilReady(chat);
    expect(sendButton(chat).textContent?.trim()).to.equal("Envoyer");
    // The title is the site's name (the built-in French title only stands in until it is known).
    await waitFor(() => text(chat, "[part=title]") === "Local demo", "the site's name as the title");
    expect(resolveStrings("fr").title).to.equal("Discussion");
    expect(input(chat).placeholder).to.equal("Écrivez un message…");
    expect(shellPart(chat, "[part=launcher]").getAttribute("aria-label")).to.equal("Ouvrir la discussion");

    const page = await fixture<HTMLDivElement>(html`<div lang="fr-CA"></div>`);
    const inherited = await chatWith({}, page);
    expect(input(inherited).placeholder).to.equal("Écrivez un message…");
    expect(shellPart(inherited, ".root").lang, "screen readers pronounce it as French").to.equal("fr-CA");
    const unknown = await chatWith({ lang: "xx" });
    expect(sendButton(unknown).textContent?.trim()).to.equal("Send");
  });

  it("a right-to-left language or dir lays the chat out mirrored", async () => {
    expect(isRtlLanguage("he")).to.equal(true);
    expect(isRtlLanguage("ar-EG")).to.equal(true);
    expect(isRtlLanguage("fr")).to.equal(false);
    const hebrew = await chatWith({ lang: "he", style: "width: 400px; height: 400px" });
    expect(shellPart(hebrew, ".root").getAttribute("dir")).to.equal("rtl");
    // The title's text starts at the right.
    const header = shellPart(hebrew, "[part=header]").getBoundingClientRect();
    const range = document.createRange();
    range.selectNodeContents(shellPart(hebrew, "[part=title] slot"));
    const title = range.getBoundingClientRect();
    expect(header.right - title.right).to.be.lessThan(60);
    expect(title.left - header.left).to.be.greaterThan(header.width / 2);

    const explicit = await chatWith({ dir: "rtl" });
    expect(shellPart(explicit, ".root").getAttribute("dir")).to.equal("rtl");
    const ltr = await chatWith({ lang: "he", dir: "ltr" });
    expect(shellPart(ltr, ".root").getAttribute("dir")).to.equal("ltr");
  });

  it("follows a later change of the page's lang and dir while it has none of its own, and stops watching once removed", async () => {
    const page = document.documentElement;
    const [lang, dir] = [page.getAttribute("lang"), page.getAttribute("dir")];
    const restore = (name: string, value: string | null) => (value === null ? page.removeAttribute(name) : page.setAttribute(name, value));
    try {
      page.lang = "en";
      const chat = await chatWith({});
      const own = await chatWith({ lang: "en", dir: "ltr" });
      await waitUntilReady(chat);
      page.lang = "fr";
      await waitFor(() => sendButton(chat).textContent?.trim() === "Envoyer", "the French strings");
      expect(shellPart(chat, ".root").lang).to.equal("fr");
      page.dir = "rtl";
      await waitFor(() => shellPart(chat, ".root").getAttribute("dir") === "rtl", "a right-to-left layout");
      await own.updateComplete;
      expect(sendButton(own).textContent?.trim()).to.equal("Send");
      expect(shellPart(own, ".root").getAttribute("dir")).to.equal("ltr");

      // Removed: the page's changes no longer reach it (nothing left observing <html>) …
      chat.remove();
      // A macrotask: what removal deferred has run and mutation records would have been delivered.
      await new Promise((resolve) => setTimeout(resolve, 0));
      let updates = 0;
      const requestUpdate = chat.requestUpdate.bind(chat);
      chat.requestUpdate = (...args: Parameters<ConvexChat["requestUpdate"]>) => ((updates += 1), requestUpdate(...args));
      page.lang = "en";
      page.dir = "ltr";
      await new Promise((resolve) => setTimeout(resolve, 0));
      expect(updates).to.equal(0);
      // … and back on the page it reads them again.
      document.body.append(chat);
      await waitFor(() => sendButton(chat).textContent?.trim() === "Send", "the English strings again");
      expect(shellPart(chat, ".root").getAttribute("dir")).to.equal("ltr");
      chat.remove();
    } finally {
      restore("lang", lang);
      restore("dir", dir);
    }
  });
});
