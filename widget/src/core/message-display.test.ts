import { expect } from "@open-wc/testing";
import type { ChatMessage, StreamBody, StreamStatus } from "./api.js";
import { authorOf, displayMessages, initialOf, displaySending, displayStored, isReplying, type MessageDisplay } from "./message-display.js";

const strings = {
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
  queued: "Queued: sends when the connection is back.",
};

const question = (id: string, content = `question ${id}`): ChatMessage => ({
  _id: id,
  _creationTime: 0,
  conversationId: "c",
  role: "user",
  content,
});
const reply = (id: string, status: StreamStatus | undefined, content = "", extra: Partial<ChatMessage> = {}): ChatMessage => ({
  _id: id,
  _creationTime: 0,
  conversationId: "c",
  role: "assistant",
  content,
  streamId: `s-${id}`,
  status,
  ...extra,
});

const noLive = () => undefined;
const liveOf = (bodies: Record<string, StreamBody>) => (streamId: string) => bodies[streamId];
const one = (message: ChatMessage, live: (streamId: string) => StreamBody | undefined = noLive, messages = [message]) =>
  displayStored(message, { messages, live, strings });

/** The fields a row of the table checks. */
type Seen = Pick<MessageDisplay, "text" | "phase" | "busy" | "stoppable" | "note" | "actions">;
const seen = (d: MessageDisplay): Seen => ({
  text: d.text,
  phase: d.phase,
  busy: d.busy,
  stoppable: d.stoppable,
  note: d.note,
  actions: d.actions,
});

describe("displayStored: a reply, for each stored status and live body", () => {
  // [case, stored reply, live body of its stream, what it shows]
  const table: [string, ChatMessage, StreamBody | undefined, Seen][] = [
    [
      "pending, no live body yet",
      reply("a", "pending"),
      undefined,
      { text: "", phase: "pending", busy: true, stoppable: true, note: undefined, actions: undefined },
    ],
    [
      "pending in the database, streaming live",
      reply("a", "pending"),
      { text: "Hel", status: "streaming" },
      { text: "Hel", phase: "streaming", busy: true, stoppable: true, note: undefined, actions: undefined },
    ],
    [
      "streaming: the live text, not the stored one",
      reply("a", "streaming", "H"),
      { text: "Hello", status: "streaming" },
      { text: "Hello", phase: "streaming", busy: true, stoppable: true, note: undefined, actions: undefined },
    ],
    [
      "live body final before the stored one: shown final, not stoppable, no actions yet",
      reply("a", "streaming", "H"),
      { text: "Hello", status: "done" },
      { text: "Hello", phase: "done", busy: false, stoppable: false, note: undefined, actions: undefined },
    ],
    [
      "refused by the stream route: the live reason",
      reply("a", "pending"),
      { text: "", status: "error", error: "Not allowed here." },
      { text: "", phase: "error", busy: false, stoppable: false, note: { kind: "error", text: "Not allowed here." }, actions: undefined },
    ],
    [
      "done: the stored text, copy offered",
      reply("a", "done", "Hello"),
      { text: "stale", status: "streaming" },
      {
        text: "Hello",
        phase: "done",
        busy: false,
        stoppable: false,
        note: undefined,
        actions: { copy: "Hello", retry: undefined, regenerate: undefined, continue: undefined },
      },
    ],
    [
      "done with no text: nothing to copy",
      reply("a", "done", ""),
      undefined,
      {
        text: "",
        phase: "done",
        busy: false,
        stoppable: false,
        note: undefined,
        actions: { copy: undefined, retry: undefined, regenerate: undefined, continue: undefined },
      },
    ],
    // Actions wait for a stored final status: without one the stored text may still change.
    [
      "no status and no stream: shown done, no actions",
      reply("a", undefined, "Hi", { streamId: undefined }),
      undefined,
      { text: "Hi", phase: "done", busy: false, stoppable: false, note: undefined, actions: undefined },
    ],
    [
      "stopped: kept text and the note",
      reply("a", "stopped", "Hal"),
      undefined,
      {
        text: "Hal",
        phase: "stopped",
        busy: false,
        stoppable: false,
        note: { kind: "stopped", text: strings.replyStopped },
        actions: { copy: "Hal", retry: undefined, regenerate: undefined, continue: undefined },
      },
    ],
    [
      "error: the stored reason wins",
      reply("a", "error", "", { error: "Provider down." }),
      { text: "", status: "error", error: "live reason" },
      {
        text: "",
        phase: "error",
        busy: false,
        stoppable: false,
        note: { kind: "error", text: "Provider down." },
        actions: { copy: undefined, retry: undefined, regenerate: undefined, continue: undefined },
      },
    ],
    [
      "error without a reason: the generic one",
      reply("a", "error"),
      undefined,
      {
        text: "",
        phase: "error",
        busy: false,
        stoppable: false,
        note: { kind: "error", text: strings.replyFailed },
        actions: { copy: undefined, retry: undefined, regenerate: undefined, continue: undefined },
      },
    ],
    [
      "timeout without a reason",
      reply("a", "timeout", "Par"),
      undefined,
      {
        text: "Par",
        phase: "timeout",
        busy: false,
        stoppable: false,
        note: { kind: "error", text: strings.replyTimedOut },
        actions: { copy: "Par", retry: undefined, regenerate: undefined, continue: undefined },
      },
    ],
  ];
  for (const [name, message, body, expected] of table) {
    it(name, () => {
      const display = one(message, liveOf(body ? { [message.streamId ?? ""]: body } : {}));
      expect(seen(display)).to.deep.equal(expected);
      expect(display.announce).to.deep.equal({ id: "a", text: expected.text, status: expected.phase });
      expect(display.parts).to.equal("message assistant");
      expect(display.format).to.equal("markdown");
      expect(display.authorLabel).to.equal("Assistant:");
      expect(isReplying(message, liveOf(body ? { [message.streamId ?? ""]: body } : {}))).to.equal(expected.stoppable);
    });
  }
});

describe("displayStored: a visitor's message", () => {
  it("is plain text by the visitor, never announced, with no actions", () => {
    const display = one(question("u", "<b>hi</b>"));
    expect(seen(display)).to.deep.equal({
      text: "<b>hi</b>",
      phase: "done",
      busy: false,
      stoppable: false,
      note: undefined,
      actions: undefined,
    });
    expect([display.author, display.authorLabel, display.parts, display.format, display.key, display.id]).to.deep.equal([
      "visitor",
      "You:",
      "message user",
      "text",
      "u",
      "u",
    ]);
    expect(display.announce).to.equal(undefined);
  });
});

describe("Retry and Regenerate: under the newest reply only, when it ended early, naming that reply", () => {
  // [case, messages, the reply looked at, retry, regenerate]
  const table: [string, ChatMessage[], string, string | undefined, string | undefined][] = [
    ["failed newest reply", [question("u1"), reply("a1", "error")], "a1", "a1", undefined],
    ["timed-out newest reply", [question("u1"), reply("a1", "timeout")], "a1", "a1", undefined],
    [
      "failed after an earlier exchange",
      [question("u1"), reply("a1", "done"), question("u2"), reply("a2", "error")],
      "a2",
      "a2",
      undefined,
    ],
    ["an older failed reply", [question("u1"), reply("a1", "error"), question("u2"), reply("a2", "done")], "a1", undefined, undefined],
    ["a stopped newest reply", [question("u1"), reply("a1", "stopped", "Hal")], "a1", undefined, "a1"],
    ["an older stopped reply", [question("u1"), reply("a1", "stopped"), question("u2"), reply("a2", "done")], "a1", undefined, undefined],
    ["a done reply", [question("u1"), reply("a1", "done")], "a1", undefined, undefined],
    ["no question before it", [reply("a1", "error")], "a1", undefined, undefined],
  ];
  for (const [name, messages, id, retry, regenerate] of table) {
    it(`${name}: retry ${retry ?? "none"}, regenerate ${regenerate ?? "none"}`, () => {
      const display = displayMessages({ messages, live: noLive, sending: [], strings }).find((d) => d.id === id)!;
      expect([display.actions?.retry, display.actions?.regenerate]).to.deep.equal([retry, regenerate]);
    });
  }
});

describe("a reply cut at its length limit", () => {
  const cut = (id: string) => reply(id, "done", "Part of it", { cutAtLimit: true });

  it("says so and offers to continue, under the newest reply only", () => {
    const messages = [question("u1"), cut("a1"), question("u2"), cut("a2")];
    const [, older, , newest] = displayMessages({ messages, live: noLive, sending: [], strings });
    expect(newest.note).to.deep.equal({ kind: "cut", text: "The reply was cut." });
    expect(newest.actions).to.deep.equal({ copy: "Part of it", retry: undefined, regenerate: undefined, continue: "Please continue." });
    expect(older.note).to.deep.equal({ kind: "cut", text: "The reply was cut." });
    expect(older.actions?.continue).to.equal(undefined);
  });

  it("says nothing of a reply that ended whole", () => {
    const display = one(reply("a1", "done", "All of it"));
    expect([display.note, display.actions?.continue]).to.deep.equal([undefined, undefined]);
  });
});

describe("displayMessages", () => {
  it("lists the stored messages in order, then the sends on their way", () => {
    const messages = [question("u1"), reply("a1", "streaming")];
    const shown = displayMessages({
      messages,
      live: liveOf({ "s-a1": { text: "Hi", status: "streaming" } }),
      strings,
      sending: [{ clientMessageId: "k1", text: "next" }],
    });
    expect(shown.map((d) => [d.key, d.phase, d.text])).to.deep.equal([
      ["u1", "done", "question u1"],
      ["a1", "streaming", "Hi"],
      ["k1", "sending", "next"],
    ]);
  });

  it("shows a send on its way as the visitor's, busy, labelled as sending", () => {
    const display = displaySending({ clientMessageId: "k1", text: "hello" }, strings);
    expect(display).to.deep.include({
      key: "k1",
      id: undefined,
      author: "visitor",
      parts: "message user sending",
      format: "text",
      text: "hello",
      phase: "sending",
      busy: true,
      stoppable: false,
      actions: undefined,
      announce: undefined,
      trailingLabel: "Sending…",
    });
  });
});

describe("displayMessages while the connection is down", () => {
  const messages = [question("u1"), reply("a1", "streaming")];
  const live = liveOf({ "s-a1": { text: "Half a", status: "streaming" } });
  const sending = [{ clientMessageId: "k1", text: "later" }];

  it("pauses a reply being written (no caret) and says it waits for the connection", () => {
    const [, replying] = displayMessages({ messages, live, strings, sending: [], connected: false });
    expect(replying).to.deep.include({
      busy: true,
      paused: true,
      stoppable: true,
      note: { kind: "waiting", text: "Waiting for connection…" },
    });
    const [, connected] = displayMessages({ messages, live, strings, sending: [] });
    expect(connected).to.deep.include({ paused: false, note: undefined });
  });

  it("shows a send as queued, visibly, and as sending again once connected", () => {
    const offline = displayMessages({ messages, live, strings, sending, connected: false }).at(-1);
    expect(offline).to.deep.include({
      phase: "sending",
      paused: true,
      trailingLabel: undefined,
      note: { kind: "queued", text: strings.queued },
    });
    const online = displayMessages({ messages, live, strings, sending, connected: true }).at(-1);
    expect(online).to.deep.include({ phase: "sending", paused: false, trailingLabel: "Sending…", note: undefined });
  });

  it("leaves final messages alone", () => {
    const [asked, done] = displayMessages({
      messages: [question("u1"), reply("a1", "done", "Done.")],
      live: noLive,
      strings,
      sending: [],
      connected: false,
    });
    expect(asked.paused).to.equal(false);
    expect(done).to.deep.include({ paused: false, note: undefined });
  });
});

describe("authorOf", () => {
  it("takes the role when no author is given, a known author when one is, and the role for an unknown one", () => {
    expect(authorOf(question("u"))).to.equal("visitor");
    expect(authorOf(reply("a", "done"))).to.equal("ai");
    expect(authorOf({ ...reply("a", "done"), author: "visitor" })).to.equal("visitor");
    expect(authorOf({ ...reply("a", "done"), author: "operator" })).to.equal("operator");
    expect(authorOf({ ...reply("a", "done"), author: "system" })).to.equal("system");
    expect(authorOf({ ...reply("a", "done"), author: "robot" })).to.equal("ai");
    expect(authorOf({ ...reply("a", "done"), author: "toString" })).to.equal("ai");
  });
});

describe("who answers: the AI, a person, the system", () => {
  const person = (id: string, content: string, authorName?: string) =>
    ({
      _id: id,
      _creationTime: 0,
      conversationId: "c",
      role: "assistant",
      content,
      status: "done",
      author: "operator",
      authorName,
    }) as ChatMessage;
  const line = (id: string, content: string) =>
    ({ _id: id, _creationTime: 0, conversationId: "c", role: "assistant", content, status: "done", author: "system" }) as ChatMessage;

  it("labels the AI's replies as AI, visibly and for screen readers", () => {
    const display = one(reply("a", "done", "Hi"));
    expect([display.badge, display.authorLabel, display.layout, display.avatar]).to.deep.equal(["AI", "Assistant:", "bubble", undefined]);
  });

  it("names a person, with their initial, as plain text with no Stop, Retry or Copy", () => {
    const messages = [question("u1"), reply("a1", "error"), person("o1", "**Hello**, I am here.", "élodie Martin")];
    const display = displayMessages({ messages, live: noLive, sending: [], strings })[2];
    expect(display).to.deep.include({
      author: "operator",
      badge: "élodie Martin",
      avatar: "É",
      authorLabel: "élodie Martin says:",
      parts: "message operator",
      format: "text",
      layout: "bubble",
      text: "**Hello**, I am here.",
      stoppable: false,
      actions: undefined,
    });
    expect(display.announce).to.deep.equal({ id: "o1", text: "élodie Martin says: **Hello**, I am here.", status: "done", arrival: true });
    // Retry stays under the AI's failed reply: a person's message after it is no reply to retry.
    expect(displayMessages({ messages, live: noLive, sending: [], strings })[1].actions?.retry).to.equal("a1");
  });

  it("names a person with no name as the team", () => {
    expect(one(person("o1", "Hi")).badge).to.equal("Support");
    expect(one(person("o1", "Hi", "  ")).avatar).to.equal("S");
  });

  it("draws a system line as a line, unlabelled, read whole when it arrives", () => {
    const display = one(line("s1", "Alex joined"));
    expect(display).to.deep.include({
      author: "system",
      layout: "line",
      badge: undefined,
      authorLabel: "",
      parts: "system-line",
      format: "text",
      actions: undefined,
      stoppable: false,
    });
    expect(display.announce).to.deep.equal({ id: "s1", text: "Alex joined", status: "done", arrival: true });
  });

  it("takes a whole first character as the initial", () => {
    expect([initialOf("alex"), initialOf(" 🙂 Sam"), initialOf("")]).to.deep.equal(["A", "🙂", "?"]);
  });
});
