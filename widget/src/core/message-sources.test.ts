import { expect } from "@open-wc/testing";
import type { ChatMessage } from "./api.js";
import { displayStored, type MessageDisplayStrings } from "./message-display.js";
import { sourceLinks } from "./message-sources.js";

const strings: MessageDisplayStrings = {
  you: "You:",
  assistant: "Assistant:",
  sending: "Sending…",
  replyFailed: "The reply failed.",
  replyTimedOut: "The reply timed out.",
  replyStopped: "The reply was stopped.",
  replyCut: "The reply was cut.",
  continuePrompt: "Please continue.",
  sources: "Sources",
  aiBadge: "AI",
  operatorSays: (name: string) => `${name} says:`,
  someone: "Support",
  waitingForConnection: "Waiting for connection…",
  queued: "Queued",
};
const reply = (extra: Partial<ChatMessage>): ChatMessage => ({
  _id: "r",
  _creationTime: 0,
  conversationId: "c",
  role: "assistant",
  content: "Text",
  streamId: "s",
  status: "done",
  ...extra,
});
const shown = (message: ChatMessage) => displayStored(message, { messages: [message], live: () => undefined, strings }).sources;

describe("sources under a reply", () => {
  it("links only absolute http(s) URLs; anything else shows its title as text", () => {
    expect(
      sourceLinks([
        { title: "Shipping", url: "https://shop.example/help/shipping" },
        { title: "Script", url: "javascript:alert(1)" },
        { title: "Mail", url: "mailto:support@shop.example" },
        { title: "Relative", url: "/help" },
        { title: "Hidden scheme", url: "java\u0000script:alert(1)" },
      ]),
    ).to.deep.equal([
      { title: "Shipping", href: "https://shop.example/help/shipping" },
      { title: "Script", href: undefined },
      { title: "Mail", href: undefined },
      { title: "Relative", href: undefined },
      { title: "Hidden scheme", href: undefined },
    ]);
  });

  it("at most five, long titles cut, a blank title falls back to the URL", () => {
    const links = sourceLinks([
      { title: " ", url: "https://a.example/" },
      ...Array.from({ length: 6 }, (_, i) => ({ title: `${i}`.repeat(200) })),
    ]);
    expect(links).to.have.length(5);
    expect(links[0].title).to.equal("https://a.example/");
    expect(links[1].title).to.have.length(120);
  });

  it("shown once the reply is final, never on a visitor's message or a reply being written", () => {
    const sources = [{ title: "Returns", url: "https://shop.example/returns" }];
    expect(shown(reply({ sources }))).to.deep.equal({
      label: "Sources",
      links: [{ title: "Returns", href: "https://shop.example/returns" }],
    });
    expect(shown(reply({ sources, status: "streaming" }))).to.equal(undefined);
    expect(shown(reply({}))).to.equal(undefined);
    expect(shown({ ...reply({ sources }), role: "user", streamId: undefined })).to.equal(undefined);
  });
});
