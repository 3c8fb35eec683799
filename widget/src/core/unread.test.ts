import { expect } from "@open-wc/testing";
import { UnreadCounter } from "./unread.js";

const user = (id: string) => ({ _id: id, role: "user" });
const reply = (id: string, status = "done") => ({ _id: id, role: "assistant", status });

describe("UnreadCounter", () => {
  it("counts replies that become final while hidden, not the history or unfinished ones", () => {
    const unread = new UnreadCounter();
    expect(unread.observe("c1", undefined, false)).to.equal(0); // loading
    expect(unread.observe("c1", [user("u1"), reply("a1")], false)).to.equal(0); // history
    expect(unread.observe("c1", [user("u1"), reply("a1"), user("u2"), reply("a2", "streaming")], false)).to.equal(0);
    expect(unread.observe("c1", [user("u1"), reply("a1"), user("u2"), reply("a2")], false)).to.equal(1);
    expect(unread.observe("c1", [user("u1"), reply("a1"), user("u2"), reply("a2")], false)).to.equal(1);
    expect(unread.observe("c1", [reply("a2"), reply("a3", "error")], false)).to.equal(2);
  });

  it("clears when visible and ignores replies seen while visible", () => {
    const unread = new UnreadCounter();
    unread.observe("c1", [], false);
    expect(unread.observe("c1", [reply("a1")], false)).to.equal(1);
    expect(unread.observe("c1", [reply("a1"), reply("a2")], true)).to.equal(0);
    expect(unread.observe("c1", [reply("a1"), reply("a2")], false)).to.equal(0);
  });

  it("takes a new baseline when the conversation changes", () => {
    const unread = new UnreadCounter();
    unread.observe("c1", [], false);
    unread.observe("c1", [reply("a1")], false);
    expect(unread.observe("c2", [reply("b1"), reply("b2")], false)).to.equal(0);
    expect(unread.count).to.equal(0);
  });
});
