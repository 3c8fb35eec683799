import { expect } from "@open-wc/testing";
import { MAX_NESTING } from "./blocks.js";
import { MarkdownRenderer, parseBlocks } from "./index.js";
import { ALL_DOCUMENTS, CODE_HEAVY, FEATURES, emphasisMarkerReply, longPlainParagraph } from "../../../test/markdown-test-documents.js";
import { OPEN_PARAGRAPH_LIMIT } from "./open-paragraph.js";
import { measureWork } from "./work.js";

/** One-shot rendering: a fresh renderer given the whole text. */
function render(text: string, streaming = false): HTMLElement {
  const renderer = new MarkdownRenderer();
  renderer.update(text, { streaming });
  return renderer.element;
}

const htmlOf = (text: string) => render(text).innerHTML;

describe("markdown renderer", () => {
  for (const [name, doc] of Object.entries(ALL_DOCUMENTS)) {
    it(`streamed one character at a time, every prefix of ${name} renders as rendering it at once does`, () => {
      const streamed = new MarkdownRenderer();
      for (let i = 1; i <= doc.length; i++) {
        const prefix = doc.slice(0, i);
        streamed.update(prefix);
        const once = htmlOf(prefix);
        if (streamed.element.innerHTML !== once) {
          expect(streamed.element.innerHTML, `after ${JSON.stringify(prefix.slice(-40))}`).to.equal(once);
        }
      }
    });
  }

  it("streamed in uneven pieces, and after an edit that is not an append, it still matches", () => {
    const streamed = new MarkdownRenderer();
    let at = 0;
    for (let step = 1; at < FEATURES.length; step = ((step * 7) % 31) + 1) {
      at = Math.min(FEATURES.length, at + step);
      streamed.update(FEATURES.slice(0, at));
    }
    expect(streamed.element.innerHTML).to.equal(htmlOf(FEATURES));
    streamed.update("# Replaced\n\nwith *other* text");
    expect(streamed.element.innerHTML).to.equal(htmlOf("# Replaced\n\nwith *other* text"));
  });

  it("renders the markdown chat replies use", () => {
    expect(htmlOf("# T\n\n## U #")).to.equal('<h1 dir="auto">T</h1><h2 dir="auto">U</h2>');
    expect(htmlOf("a *b* **c** ***d*** ~~e~~ `f`")).to.equal(
      '<p dir="auto">a <em>b</em> <strong>c</strong> <em><strong>d</strong></em> <del>e</del> <code part="inline-code">f</code></p>',
    );
    expect(htmlOf("snake_case_name and 2*3*4")).to.equal('<p dir="auto">snake_case_name and 2<em>3</em>4</p>');
    expect(htmlOf("line  \nbreak\\\nagain\nsoft")).to.equal('<p dir="auto">line<br>break<br>again\nsoft</p>');
    expect(htmlOf("- a\n- b\n\n1. x\n2. y")).to.equal(
      '<ul><li dir="auto">a</li><li dir="auto">b</li></ul><ol><li dir="auto">x</li><li dir="auto">y</li></ol>',
    );
    expect(htmlOf("3. x\n4. y")).to.equal('<ol start="3"><li dir="auto">x</li><li dir="auto">y</li></ol>');
    expect(htmlOf("- a\n  - b")).to.equal('<ul><li dir="auto">a<ul><li dir="auto">b</li></ul></li></ul>');
    expect(htmlOf("> q\n> r")).to.equal('<blockquote dir="auto" part="blockquote"><p dir="auto">q\nr</p></blockquote>');
    expect(htmlOf("a\n\n---\n\nb")).to.equal('<p dir="auto">a</p><hr><p dir="auto">b</p>');
    expect(htmlOf("&amp; &lt;b&gt; &#x41; &#65; &bogus; \\*not\\*")).to.equal('<p dir="auto">&amp; &lt;b&gt; A A &amp;bogus; *not*</p>');
    expect(htmlOf("Steps:\n1. **Install**:\n   ```sh\n   npm i x\n   ```\n2. Run")).to.equal(
      '<p dir="auto">Steps:</p><ol><li dir="auto"><strong>Install</strong>:<div class="code-block" part="code-block">' +
        '<div class="code-header"><span class="code-language" data-label="sh"></span><button class="code-copy" type="button" part="code-copy-button" ' +
        'data-state="idle" data-label="Copy" aria-label="Copy"></button></div><pre part="code"><code data-language="sh">npm i x</code></pre></div></li>' +
        '<li dir="auto">Run</li></ol>',
    );
    const split = render("A table follows:\n| x | y |\n|---|---|\n| 1 | 2 |");
    expect([...split.children].map((e) => e.tagName)).to.deep.equal(["P", "DIV"]);
    expect(split.querySelectorAll("th")).to.have.length(2);
    const table = render("| a | b |\n|:-|-:|\n| 1 | 2 |").querySelector("table");
    expect(table?.querySelectorAll("th")).to.have.length(2);
    expect([...(table?.querySelectorAll("td") ?? [])].map((td) => [td.textContent, td.dataset.align])).to.deep.equal([
      ["1", "left"],
      ["2", "right"],
    ]);
  });

  it("nests lists and quotes at most MAX_NESTING deep; deeper levels are shown as text", () => {
    const quotes = render(`${">".repeat(30)} deep`);
    expect(quotes.querySelectorAll("blockquote")).to.have.length(MAX_NESTING);
    expect(quotes.textContent).to.equal(`${">".repeat(30 - MAX_NESTING)} deep`);
    const list = render(Array.from({ length: 20 }, (_, i) => `${"  ".repeat(i)}- level ${i}`).join("\n"));
    expect(list.querySelectorAll("ul")).to.have.length(MAX_NESTING);
    expect(list.textContent).to.contain("level 19");
  });

  it("shows raw HTML as text and creates no element from it", () => {
    const element = render(
      '<script>window.__md = 1</script>\n\n<img src=x onerror="window.__md = 1"> <b onclick="x()">b</b>\n\n<div>\n<svg onload=x>\n</div>',
    );
    expect(element.querySelectorAll("script, img, svg, div, b").length).to.equal(0);
    expect(element.textContent).to.contain('<img src=x onerror="window.__md = 1">');
    expect(element.textContent).to.contain("<script>window.__md = 1</script>");
  });

  describe("links and images", () => {
    it("links http(s) and mailto URLs, opening them in a new tab with no opener or referrer", () => {
      const links = [
        ...render(
          "[a](https://a.example/x?y=1) <http://b.example> [m](mailto:someone@example.com) <who@example.com> www.c.example",
        ).querySelectorAll("a"),
      ];
      expect(links.map((a) => a.getAttribute("href"))).to.deep.equal([
        "https://a.example/x?y=1",
        "http://b.example/",
        "mailto:someone@example.com",
        "mailto:who@example.com",
        "http://www.c.example/",
      ]);
      for (const a of links) {
        expect(a.target).to.equal("_blank");
        expect(a.rel).to.equal("noopener noreferrer");
        expect(a.referrerPolicy).to.equal("no-referrer");
      }
    });

    const refused = [
      "[x](javascript:alert(1))",
      "[x](JaVaScRiPt:alert(1))",
      "[x](&#106;avascript:alert(1))",
      "[x](javascript&#58;alert(1))",
      "[x](&#x6A;&#x61;&#x76;&#x61;script:alert(1))",
      "[x](java&Tab;script:alert(1))",
      "[x](java\\script:alert(1))",
      "[x](<javascript:alert(1)>)",
      "[x]( javascript:alert(1))",
      "[x](java%73cript:alert(1))",
      "[x](vbscript:msgbox(1))",
      "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
      "[x](//evil.example)",
      "[x](/relative)",
      "[x](file:///etc/passwd)",
      "[x](\u0001javascript:alert(1))",
      "[x](java\u200bscript:alert(1))",
      "<javascript:alert(1)>",
      "<vbscript:msgbox(1)>",
      "[x](ftp://files.example)",
      "[x](blob:https://a.example/uuid)",
      "[x](about:blank)",
    ];
    for (const source of refused) {
      it(`shows ${source} as text, with no link`, () => {
        const element = render(source);
        expect(element.querySelector("a"), element.innerHTML).to.equal(null);
        expect(element.textContent).to.not.equal("");
      });
    }

    it("never loads an image: a remote one becomes a link to it, any other only its alt text", () => {
      const element = render(
        "![a cat](https://img.example/cat.png) ![pixel](data:image/gif;base64,R0lGODlhAQABAAAAACw=) ![x](javascript:alert(1))",
      );
      expect(element.querySelector("img")).to.equal(null);
      const links = element.querySelectorAll("a");
      expect(links).to.have.length(1);
      expect(links[0].className).to.equal("image-link");
      expect(links[0].getAttribute("href")).to.equal("https://img.example/cat.png");
      expect(links[0].textContent).to.equal("a cat");
      expect(links[0].title).to.contain("https://img.example/cat.png");
      expect(element.textContent).to.equal("a cat pixel x");
    });

    it("never nests links, and keeps a link's title as plain text", () => {
      const element = render('[see https://inner.example](https://outer.example "t <b>")');
      expect(element.querySelectorAll("a")).to.have.length(1);
      expect(element.querySelector("a")?.title).to.equal("t <b>");
    });
  });

  describe("while streaming", () => {
    it("shows an unclosed code fence's text as it arrives, growing the same DOM node", () => {
      const renderer = new MarkdownRenderer();
      renderer.update("Here:\n\n```js\ncon", { streaming: true });
      const code = renderer.element.querySelector("pre code");
      const textNode = code?.firstChild;
      expect(code?.textContent).to.equal("con");
      expect(renderer.element.querySelector(".code-block")?.classList.contains("open")).to.equal(true);
      renderer.update("Here:\n\n```js\nconsole.log(1);\n``", { streaming: true });
      expect(renderer.element.querySelector("pre code")).to.equal(code);
      expect(code?.firstChild).to.equal(textNode);
      expect(code?.textContent).to.equal("console.log(1);"); // a closing fence being typed is not shown
      renderer.update("Here:\n\n```js\nconsole.log(1);\n```\nDone.", { streaming: false });
      expect(renderer.element.querySelector(".code-block")?.classList.contains("open")).to.equal(false);
      expect(renderer.element.querySelector("pre code")?.textContent).to.equal("console.log(1);");
      expect(renderer.element.lastElementChild?.textContent).to.equal("Done.");
    });

    it("keeps the DOM of finished blocks and of a growing list's finished items", () => {
      const renderer = new MarkdownRenderer();
      renderer.update("# Head\n\nFirst para.\n\n- one\n- tw");
      const heading = renderer.element.querySelector("h1");
      const firstItem = renderer.element.querySelector("li");
      renderer.update("# Head\n\nFirst para.\n\n- one\n- two\n- three and *more*");
      expect(renderer.element.querySelector("h1")).to.equal(heading);
      expect(renderer.element.querySelector("li")).to.equal(firstItem);
      expect(renderer.element.querySelectorAll("li")).to.have.length(3);
    });

    it("parses and draws a bounded amount per update inside one long open paragraph, and all of it once it closes", () => {
      const text = emphasisMarkerReply(16_000);
      const whole = measureWork(() => parseBlocks(text));
      const nodesWhole = countCreatedNodes(() => render(text));
      const renderer = new MarkdownRenderer();
      let [maxWork, maxNodes] = [0, 0];
      for (let end = 8; end < text.length; end += 8) {
        let work = 0;
        const nodes = countCreatedNodes(() => (work = measureWork(() => renderer.update(text.slice(0, end), { streaming: true }))));
        [maxWork, maxNodes] = [Math.max(maxWork, work), Math.max(maxNodes, nodes)];
      }
      // Re-parsing and redrawing the whole open paragraph made the last updates cost the whole text.
      expect(maxWork, "parser steps of the costliest update").to.be.below(whole / 4);
      expect(maxNodes, "DOM nodes created by the costliest update").to.be.below(nodesWhole / 4);
      expect(renderer.element.querySelectorAll("p")).to.have.length(1);
      expect(renderer.element.querySelector("p")?.lastChild).to.equal(renderer.element.querySelector(".caret"));
      // The kept pieces keep their DOM, each a block (the browser lays out only the last one again).
      const kept = renderer.element.querySelector("p > div");
      expect(kept).to.not.equal(null);
      renderer.update(text + " more", { streaming: true });
      expect(renderer.element.querySelector("p > div")).to.equal(kept);
      renderer.update(text, { streaming: false });
      expect(renderer.element.innerHTML).to.equal(htmlOf(text));
    });

    it("shows a long open paragraph of plain prose with the text it will have once closed, at every update", () => {
      const text = longPlainParagraph(3 * OPEN_PARAGRAPH_LIMIT);
      const renderer = new MarkdownRenderer();
      for (let end = 5; end < text.length; end += 5) {
        const prefix = text.slice(0, end);
        renderer.update(prefix, { streaming: true });
        // The kept pieces are blocks of their own (a line ends after each); the words and spaces are the same.
        const [shown, once] = [renderer.element, render(prefix)].map((e) =>
          [...e.querySelectorAll("p")].map((p) => p.textContent).join(""),
        );
        if (shown !== once) expect(shown, `after ${JSON.stringify(prefix.slice(-40))}`).to.equal(once);
      }
      expect(renderer.element.querySelectorAll("p > div")).to.have.length.above(1);
      renderer.update(text, { streaming: false });
      expect(renderer.element.innerHTML).to.equal(htmlOf(text));
    });

    it("puts one caret at the end of the text being written, and none once finished", () => {
      const renderer = new MarkdownRenderer();
      for (const [text, parentTag] of [
        ["Hello **wor", "P"],
        ["- a\n- b", "LI"],
        ["```\ncode", "PRE"],
        ["| a |\n|---|\n| 1", "TD"],
        ["a\n\n***", "DIV"],
      ]) {
        renderer.update(text, { streaming: true });
        const carets = renderer.element.querySelectorAll(".caret");
        expect(carets, text).to.have.length(1);
        expect(carets[0].parentElement?.tagName, text).to.equal(parentTag);
        expect(carets[0].nextSibling, text).to.equal(null);
      }
      renderer.update("done", { streaming: false });
      expect(renderer.element.querySelector(".caret")).to.equal(null);
      expect(render("").querySelector(".caret")).to.equal(null);
      expect(render("", true).querySelectorAll(".caret")).to.have.length(1);
    });
  });

  describe("code blocks", () => {
    it("have a copy button that puts the code on the clipboard and says so", async () => {
      const element = render(CODE_HEAVY);
      document.body.append(element);
      try {
        const button = element.querySelector<HTMLButtonElement>(".code-block button");
        if (!button) throw new Error("no copy button");
        expect(button.getAttribute("part")).to.equal("code-copy-button");
        expect(button.closest("[part=code-block]")).to.not.equal(null);
        expect(button.getAttribute("aria-label")).to.equal("Copy");
        button.click();
        await waitUntil(() => button.dataset.state !== "idle");
        expect(button.dataset.state).to.equal("copied");
        expect(button.getAttribute("aria-label")).to.equal("Copied");
        expect(await navigator.clipboard.readText()).to.equal("def f(x):\n    return x * 2\n\n\nprint(f(3))");
      } finally {
        element.remove();
      }
    });

    it("keep the language as a label and leave the reply's text content as the reply's text", () => {
      const element = render("```python\nprint(1)\n```");
      expect(element.querySelector<HTMLElement>(".code-language")?.dataset.label).to.equal("python");
      expect(element.textContent).to.equal("print(1)");
    });
  });

  it("does work linear in the input's length on hostile input (no quadratic blow-up on long runs)", () => {
    // Each input built at size k and 2k: doubling the input must about double the parser's steps
    // (a quadratic parse quadruples them), and stay a small multiple of the characters.
    const hostile: Record<string, (k: number) => string> = {
      "emphasis openers": (k) => "*a".repeat(k),
      "unclosed backtick runs": (k) => "`".repeat(k) + "a`".repeat(k),
      "unclosed brackets": (k) => "[".repeat(k) + "](",
      "one long delimiter run": (k) => "_".repeat(k),
      "unclosed link tails": (k) => "[a](".repeat(k),
      "angle brackets": (k) => "<".repeat(k),
      "nested brackets around a link": (k) => "[".repeat(k) + "[a](b)" + "]".repeat(k),
      "a URL ending in parentheses": (k) => "https://example.com/" + ")".repeat(k),
      "a paragraph of many lines": (k) => "a\n".repeat(k),
      "mixed delimiters": (k) => "*_~`[".repeat(k),
      "delimiters of three kinds that pair and wrap": (k) => "*_~".repeat(k),
    };
    for (const [name, build] of Object.entries(hostile)) {
      const [small, large] = [4_000, 8_000].map(build);
      const [workSmall, workLarge] = [small, large].map((text) => measureWork(() => parseBlocks(text)));
      expect(workSmall, `${name}: counted`).to.be.greaterThan(0);
      expect(workLarge / workSmall, `${name}: growth when doubled`).to.be.below(2.5);
      expect(workLarge / large.length, `${name}: steps per character`).to.be.below(40);
    }
  });
});

/** How many elements and text nodes `run` creates. */
function countCreatedNodes(run: () => void): number {
  const { createElement, createTextNode } = Document.prototype;
  let created = 0;
  Document.prototype.createElement = function (this: Document, ...args: Parameters<Document["createElement"]>) {
    created += 1;
    return createElement.apply(this, args);
  };
  Document.prototype.createTextNode = function (this: Document, data: string) {
    created += 1;
    return createTextNode.call(this, data);
  };
  try {
    run();
  } finally {
    Object.assign(Document.prototype, { createElement, createTextNode });
  }
  return created;
}

async function waitUntil(predicate: () => boolean): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
