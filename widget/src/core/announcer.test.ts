import { expect } from "@open-wc/testing";
import { ReplyAnnouncer, SentenceReader } from "./announcer.js";

/** Feeds `text` to a reader in pieces of `size` characters, as a stream would, and collects what it says. */
function readInPieces(text: string, size: number): string[][] {
  const reader = new SentenceReader();
  const said: string[][] = [];
  for (let end = size; end < text.length + size; end += size) {
    const got = reader.read(text.slice(0, Math.min(end, text.length)));
    if (got.length) said.push(got);
  }
  const rest = reader.finish(text);
  if (rest.length) said.push(rest);
  return said;
}

describe("SentenceReader", () => {
  it("returns each sentence once, when the whitespace after its end arrives", () => {
    const reader = new SentenceReader();
    expect(reader.read("Hello there")).to.deep.equal([]);
    expect(reader.read("Hello there.")).to.deep.equal([]);
    expect(reader.read("Hello there. ")).to.deep.equal(["Hello there."]);
    expect(reader.read("Hello there. How are")).to.deep.equal([]);
    expect(reader.read("Hello there. How are you? Fine! Bye")).to.deep.equal(["How are you?", "Fine!"]);
    expect(reader.finish("Hello there. How are you? Fine! Bye")).to.deep.equal(["Bye"]);
    expect(reader.finish("Hello there. How are you? Fine! Bye")).to.deep.equal([]);
  });

  it("never speaks token by token: the same sentences whatever the chunking", () => {
    const text = "Green tea likes 80°C water. Steep it for 2.5 minutes! Oolong? Hotter, e.g. 95°C. Enjoy";
    const expected = ["Green tea likes 80°C water.", "Steep it for 2.5 minutes!", "Oolong?", "Hotter, e.g. 95°C.", "Enjoy"];
    for (const size of [1, 2, 3, 7, 100]) {
      expect(readInPieces(text, size).flat(), `pieces of ${size}`).to.deep.equal(expected);
    }
    // One character at a time, nothing is said until a sentence completes.
    expect(readInPieces(text, 1).every((batch) => batch.length === 1)).to.equal(true);
  });

  it("does not split numbers, versions or abbreviations", () => {
    const reader = new SentenceReader();
    expect(reader.read("Pi is 3.14 and v1.2.3 is out, i.e. new. ")).to.deep.equal(["Pi is 3.14 and v1.2.3 is out, i.e. new."]);
  });

  it("ends at line breaks and drops markdown markers", () => {
    const reader = new SentenceReader();
    const text = "## Brewing\n- **Green**: 80°C\n- `Black`: _95°C_\nSee [the guide](https://example.com/guide). Set OPENAI_API_KEY. ";
    expect(reader.read(text)).to.deep.equal(["Brewing", "Green: 80°C", "Black: 95°C", "See the guide.", "Set OPENAI_API_KEY."]);
  });

  it("keeps closing quotes with their sentence and handles other scripts", () => {
    const reader = new SentenceReader();
    expect(reader.read(`She said "hi." Then left… 你好。再见！ `)).to.deep.equal([`She said "hi."`, "Then left…", "你好。再见！"]);
  });

  it("starts over on a text that does not continue the previous one", () => {
    const reader = new SentenceReader();
    expect(reader.read("First reply. ")).to.deep.equal(["First reply."]);
    expect(reader.read("Second one. ")).to.deep.equal(["Second one."]);
  });
});

describe("ReplyAnnouncer", () => {
  const strings = { replyStarted: "Replying.", replyFailed: "Failed.", replyTimedOut: "Timed out.", replyStopped: "Stopped." };
  const said = (announcer: ReplyAnnouncer) => announcer.lines.map((line) => line.text);

  it("says a reply started, then its sentences, then the rest when it ends", () => {
    const announcer = new ReplyAnnouncer(() => strings);
    announcer.observe([{ id: "a", text: "", status: "pending" }], true);
    announcer.observe([{ id: "a", text: "One. Tw", status: "streaming" }], true);
    announcer.observe([{ id: "a", text: "One. Two", status: "streaming" }], true);
    announcer.observe([{ id: "a", text: "One. Two", status: "done" }], true);
    expect(said(announcer)).to.deep.equal(["Replying.", "One.", "Two"]);
  });

  it("never reads history, says how a reply ended badly, and keeps only the last lines", () => {
    const announcer = new ReplyAnnouncer(() => strings);
    announcer.observe([{ id: "old", text: "Old reply.", status: "done" }], true);
    expect(said(announcer)).to.deep.equal([]);
    announcer.observe([{ id: "b", text: "Half", status: "streaming" }], true);
    announcer.observe([{ id: "b", text: "Half", status: "stopped" }], true);
    announcer.observe([{ id: "c", text: "", status: "streaming" }], true);
    announcer.observe([{ id: "c", text: "", status: "error" }], true);
    expect(said(announcer)).to.deep.equal(["Half Stopped.", "Replying.", "Failed."]);
  });

  it("follows silently while not audible, so opening later does not read a backlog", () => {
    const announcer = new ReplyAnnouncer(() => strings);
    announcer.observe([{ id: "a", text: "One. ", status: "streaming" }], false);
    announcer.observe([{ id: "a", text: "One. Two. ", status: "streaming" }], true);
    expect(said(announcer)).to.deep.equal(["Two."]);
  });

  it("reads a person's message or a system line whole when it arrives, never the history's", () => {
    const announcer = new ReplyAnnouncer(() => strings);
    const old = { id: "o", text: "Alex: Earlier.", status: "done", arrival: true };
    announcer.observe([old], true, undefined); // still loading: nothing measured yet
    announcer.observe([old], true, "c1");
    expect(said(announcer)).to.deep.equal([]);
    announcer.observe([old, { id: "s", text: "Alex joined", status: "done", arrival: true }], true, "c1");
    announcer.observe(
      [
        old,
        { id: "s", text: "Alex joined", status: "done", arrival: true },
        { id: "n", text: "Alex: **Hi** there", status: "done", arrival: true },
      ],
      true,
      "c1",
    );
    expect(said(announcer)).to.deep.equal(["Alex joined", "Alex: Hi there"]);
    // Another conversation's history is history too.
    announcer.observe([{ id: "x", text: "Sam: Old.", status: "done", arrival: true }], true, "c2");
    expect(said(announcer)).to.deep.equal(["Alex joined", "Alex: Hi there"]);
  });
});
