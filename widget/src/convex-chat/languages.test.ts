// Built-in languages: German, Spanish, Arabic and Hebrew besides English and French. Each renders
// in its own words, Arabic and Hebrew right to left, every table has every key (a missing key is a
// compile error: see the @ts-expect-error below), and text people wrote keeps its own direction in
// a chat of the other (an English conversation title in a Hebrew chat reads left to right, and
// stays on the chat's side).
import { expect, fixture, html } from "@open-wc/testing";
import { builtInLanguages, resolveStrings } from "../core/strings/index.js";
import type { StringTable } from "../core/strings/types.js";
import { en } from "../core/strings/en.js";
import { freshVisitor, TEST_SITE_KEY, testBackend, waitFor } from "../../test/test-helpers.js";
import { finalReply, input, sendButton, typeAndSend, waitUntilReady } from "../../test/chat-test-helpers.js";
import { shellPart } from "../../test/shell-test-helpers.js";
import type { ConvexChat } from "./convex-chat.js";

const { send: _send, ...withoutSend } = en;
// @ts-expect-error A table without every key does not compile (here: without `send`).
const incomplete: StringTable = withoutSend;
void [_send, incomplete];

async function chatIn(lang: string): Promise<ConvexChat> {
  const { url, siteUrl } = await testBackend();
  return fixture<ConvexChat>(html`<convex-chat convex-url=${url} site-url=${siteUrl} site-key=${TEST_SITE_KEY} lang=${lang}
    style="width: 420px; height: 520px"></convex-chat>`);
}

const expected: [lang: string, send: string, placeholder: string, dir: "ltr" | "rtl"][] = [
  ["de", "Senden", "Nachricht schreiben…", "ltr"],
  ["es", "Enviar", "Escriba un mensaje…", "ltr"],
  ["ar", "إرسال", "اكتب رسالة…", "rtl"],
  ["he", "שליחה", "כתיבת הודעה…", "rtl"],
];

describe("<convex-chat> languages", () => {
  beforeEach(freshVisitor);

  it("has the six tables, each with every key of the English one and nothing else", () => {
    expect([...builtInLanguages].sort()).to.deep.equal(["ar", "de", "en", "es", "fr", "he"]);
    for (const lang of builtInLanguages) {
      const table = resolveStrings(lang);
      expect(Object.keys(table).sort(), lang).to.deep.equal(Object.keys(en).sort());
      for (const [key, value] of Object.entries(table)) {
        expect(typeof value, `${lang}.${key}`).to.equal(typeof (en as Record<string, unknown>)[key]);
        const shown = typeof value === "function" ? (value as (...a: unknown[]) => string)(2, 3) : value;
        expect(String(shown).trim(), `${lang}.${key} says something`).to.not.equal("");
      }
    }
    expect(resolveStrings("iw").send, "the old code for Hebrew").to.equal("שליחה");
    expect(resolveStrings("es-MX").send).to.equal("Enviar");
  });

  for (const [lang, send, placeholder, dir] of expected) {
    it(`lang=${lang}: its words, ${dir === "rtl" ? "right to left" : "left to right"}`, async () => {
      const chat = await chatIn(lang);
      await waitUntilReady(chat);
      const root = shellPart(chat, ".root");
      expect([root.getAttribute("dir"), root.getAttribute("lang")]).to.deep.equal([dir, lang]);
      expect(sendButton(chat).textContent?.trim()).to.equal(send);
      expect(input(chat).placeholder).to.equal(placeholder);
      expect(shellPart(chat, "[part=conversations-button]").textContent?.trim()).to.equal(resolveStrings(lang).conversations);
      // The composer's Send sits at the end of the line: the right in LTR, the left in RTL.
      const composer = shellPart(chat, "[part=composer]").getBoundingClientRect();
      const button = sendButton(chat).getBoundingClientRect();
      const atRight = composer.right - button.right < button.left - composer.left;
      expect(atRight, "Send at the end of the line").to.equal(dir === "ltr");
    });
  }

  it("an English conversation in a Hebrew chat: its title reads left to right, on the chat's side", async () => {
    const chat = await chatIn("he");
    await waitUntilReady(chat);
    await typeAndSend(chat, "Where is my order?");
    await finalReply(chat);
    const bubble = shellPart(chat, "article.user");
    const bubbleText = bubble.querySelector<HTMLElement>(".text")!;
    expect(getComputedStyle(bubbleText).direction, "the visitor's English text").to.equal("ltr");
    // The visitor's bubble stays at the end side of an RTL log (the left), whatever its text.
    const log = shellPart(chat, "[part=log]").getBoundingClientRect();
    expect(bubble.getBoundingClientRect().left - log.left).to.be.lessThan(log.right - bubble.getBoundingClientRect().right);

    shellPart(chat, "[part=conversations-button]").click();
    const title = await waitFor(() => chat.shadowRoot!.querySelector<HTMLElement>("[part=conversation] .conversation-title"), "the list");
    await waitFor(() => title.textContent?.startsWith("Where is my order"), "the English title");
    expect(getComputedStyle(title).direction, "the title's own direction").to.equal("ltr");
    // Still on the right, where the list's Hebrew text starts: no jumping to the other side.
    const row = title.closest("button")!.getBoundingClientRect();
    const box = title.getBoundingClientRect();
    expect(row.right - box.right).to.be.lessThan(box.left - row.left);
  });
});
