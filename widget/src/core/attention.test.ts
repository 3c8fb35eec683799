import { expect } from "@open-wc/testing";
import { Attention, countedTitle } from "./attention.js";
import type { InboxRow } from "./operator-api.js";

const row = (id: string, extra: Partial<InboxRow> = {}): InboxRow => ({
  conversationId: id,
  title: id,
  preview: "",
  previewAuthor: "visitor",
  updatedAt: 1,
  visitorLabel: `Visitor ${id}`,
  unread: true,
  status: "open",
  replying: false,
  ...extra,
});

describe("Attention", () => {
  it("counts unread waiting and held conversations once each, announcing only what arrives after the first look", () => {
    const attention = new Attention();
    expect(attention.observe({ waiting: undefined, mine: [] })).to.deep.equal([]);
    expect(attention.observe({ waiting: [row("a", { waitingSince: 5 })], mine: [row("b"), row("c", { unread: false })] })).to.deep.equal(
      [],
    );
    expect(attention.count).to.equal(2);
    const events = attention.observe({
      waiting: [row("a", { waitingSince: 5 }), row("d", { waitingSince: 9 })],
      mine: [row("b", { updatedAt: 2 }), row("a", { waitingSince: 5 })],
    });
    expect(events).to.have.deep.members([
      { kind: "waiting", conversationId: "d", visitorLabel: "Visitor d" },
      { kind: "message", conversationId: "b", visitorLabel: "Visitor b" },
    ]);
    expect(attention.count).to.equal(3);
    // Read: the count drops; nothing is announced twice.
    expect(
      attention.observe({ waiting: [row("d", { waitingSince: 9, unread: false })], mine: [row("b", { updatedAt: 2 })] }),
    ).to.deep.equal([]);
    expect(attention.count).to.equal(1);
  });
});

describe("countedTitle", () => {
  it("puts the count in front, replaces an old one, and restores the title at 0", () => {
    expect(countedTitle("Inbox", 2)).to.equal("(2) Inbox");
    expect(countedTitle("(2) Inbox", 5)).to.equal("(5) Inbox");
    expect(countedTitle("(5) Inbox", 0)).to.equal("Inbox");
  });
});
