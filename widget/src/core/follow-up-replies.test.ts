import { expect } from "@open-wc/testing";
import type { ChatMessage } from "./api.js";
import { followUpReplies } from "./follow-up-replies.js";

const message = (_id: string, role: "user" | "assistant", extra: Partial<ChatMessage> = {}) => ({
  _id,
  _creationTime: 0,
  conversationId: "c",
  role,
  content: "",
  ...extra,
});
const visitor = (id: string) => message(id, "user");
const reply = (id: string, status: ChatMessage["status"]) => message(id, "assistant", { streamId: `s-${id}`, status, author: "ai" });

describe("followUpReplies", () => {
  it("drives the one pending reply listed after the messages sent while a reply was written", () => {
    const listed = [visitor("u1"), reply("a1", "done"), visitor("u2"), visitor("u3"), reply("a2", "pending")];
    expect(followUpReplies(listed, new Set(["u2", "u3"]))).to.deep.equal({ drive: ["s-a2"], answered: ["u2", "u3"] });
  });

  it("waits while the reply is not listed yet, and leaves one already started to be read", () => {
    const waiting = new Set(["u2"]);
    expect(followUpReplies([visitor("u1"), reply("a1", "streaming"), visitor("u2")], waiting)).to.deep.equal({ drive: [], answered: [] });
    const started = [visitor("u1"), reply("a1", "done"), visitor("u2"), reply("a2", "streaming")];
    expect(followUpReplies(started, waiting)).to.deep.equal({ drive: [], answered: ["u2"] });
  });

  it("is not fooled by replies before the messages, a person's answer or a system line", () => {
    const listed = [
      reply("a0", "pending"),
      visitor("u1"),
      message("o1", "assistant", { author: "operator", status: "done" }),
      message("x1", "assistant", { author: "system", status: "done" }),
    ];
    expect(followUpReplies(listed, new Set(["u1"]))).to.deep.equal({ drive: [], answered: [] });
    expect(followUpReplies([visitor("u1"), reply("a1", "pending")], new Set())).to.deep.equal({ drive: [], answered: [] });
  });
});
