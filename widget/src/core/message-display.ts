// What each message of the log shows, decided in one place: from the stored messages, the live
// body of each reply still being written and the sends not yet confirmed, a display model per
// message (its text, author, phase, note, the actions offered and what the live region follows).
// Templates only draw the model. Framework-free.
import { isFinal, type ChatMessage, type StreamBody, type StreamStatus } from "./api.js";
import { sourceLinks, type SourceLink } from "./message-sources.js";

/**
 * Who wrote a message. Stored messages carry a `role`; an explicit `author` (when the server sends
 * one this widget knows) wins: `operator` is a person of the site (with `authorName`), `system` a
 * line about the conversation ("Alex joined", "Resolved"). Adding an author is this type, one entry
 * in {@link AUTHORS} and its strings.
 */
export type MessageAuthor = "visitor" | "ai" | "operator" | "system";

/** Where a message is in its life: `sending` until the server confirms it, then a reply's status. */
export type MessagePhase = "sending" | StreamStatus;

/** A message as the log draws it. */
export interface MessageDisplay {
  /** Stable key for the template: the stored id, or the client id of a send not yet confirmed. */
  key: string;
  /** The stored message's id (undefined while sending). */
  id: string | undefined;
  author: MessageAuthor;
  /** What a screen reader hears before the message ("You:", "AI assistant:", "Alex:"); empty for a system line. */
  authorLabel: string;
  /** `bubble`: a message; `line`: a small centred line about the conversation (system). */
  layout: "bubble" | "line";
  /** The visible name over the message: "AI" for the AI, the person's name for an operator. */
  badge: string | undefined;
  /** The operator's initial, drawn in a circle beside their messages. */
  avatar: string | undefined;
  /** Space-separated `::part` names of the message (`message user`, `message assistant sending`, `system-line`…). */
  parts: string;
  /** `text`: drawn as a text node; `markdown`: rendered by DOM calls (never as HTML). */
  format: "text" | "markdown";
  /** The text so far: the live body while a reply streams, else the stored content. */
  text: string;
  phase: MessagePhase;
  /** Still changing (aria-busy, the caret): sending, or a reply not final yet. */
  busy: boolean;
  /**
   * Still changing, but nothing can arrive now: the connection is down. The caret stops blinking
   * and the note says what the message waits for.
   */
  paused: boolean;
  /**
   * Said under the message: why a reply ended early (failed, stopped, or `cut` at its length
   * limit), that it waits for the connection, or that a send is queued until the connection is back.
   */
  note: { kind: "error" | "stopped" | "cut" | "waiting" | "queued"; text: string } | undefined;
  /** Read aloud after the text (visually hidden), e.g. "Sending…". */
  trailingLabel: string | undefined;
  /** A reply the Stop button ends: being written, per its stored status and its live body. */
  stoppable: boolean;
  /**
   * The buttons under a finished reply (undefined: none, e.g. a visitor's message or a reply still
   * written): `copy` its text; `retry` (failed or timed out) and `regenerate` (stopped): the id of
   * the newest reply to generate again, answering the same question (never sent twice);
   * `continue`: the follow-up a newest reply cut at its length limit offers to send.
   */
  actions:
    { copy: string | undefined; retry: string | undefined; regenerate: string | undefined; continue: string | undefined } | undefined;
  /**
   * What the polite live region follows: the AI's replies as they grow; a person's message or a
   * system line as a whole (`arrival`), read only when it arrives while the conversation is shown.
   */
  announce: { id: string; text: string; status: string; arrival?: boolean } | undefined;
  /** The pages a finished reply was grounded on, under it (undefined: none). */
  sources: { label: string; links: SourceLink[] } | undefined;
}

/** The strings a display needs (a subset of the chat's `strings`). */
export interface MessageDisplayStrings {
  you: string;
  assistant: string;
  /** The visible label over an AI reply ("AI"). */
  aiBadge: string;
  /** What a screen reader hears before an operator's message, from their name. */
  operatorSays: (name: string) => string;
  /** An operator whose name is not known. */
  someone: string;
  sending: string;
  replyFailed: string;
  replyTimedOut: string;
  replyStopped: string;
  /** Under a reply cut at its length limit. */
  replyCut: string;
  /** The follow-up the Continue action sends after a reply cut at its length limit. */
  continuePrompt: string;
  sources: string;
  /** Under a reply being written while the connection is down. */
  waitingForConnection: string;
  /** Under a send made (or still unconfirmed) while the connection is down. */
  queued: string;
}

/** A send the server has not confirmed yet (the outbox). */
export interface UnconfirmedSend {
  clientMessageId: string;
  text: string;
}

/** What the log is drawn from. */
export interface DisplayInput {
  messages: readonly ChatMessage[];
  /** The live body of an unfinished reply (undefined when none is followed). */
  live: (streamId: string) => StreamBody | undefined;
  /** The visitor's sends on their way, drawn after the stored messages. */
  sending: readonly UnconfirmedSend[];
  strings: MessageDisplayStrings;
  /** Whether the deployment is reachable now (default true): unfinished messages pause when not. */
  connected?: boolean;
}

/** A message that may name its author (the server may add it; `role` stands in until then). */
export type AuthoredMessage = ChatMessage & { author?: string; authorName?: string };

interface AuthorTraits {
  /** The part and class naming who wrote it (kept as `user`/`assistant`: the public `::part` API). */
  part: string;
  format: "text" | "markdown";
  layout: MessageDisplay["layout"];
  label: (strings: MessageDisplayStrings, name: string | undefined) => string;
  badge: (strings: MessageDisplayStrings, name: string | undefined) => string | undefined;
  /** Whether the visitor can stop or retry it (only the AI's replies). */
  replies: boolean;
}

const nameOf = (strings: MessageDisplayStrings, name: string | undefined) => name?.trim() || strings.someone;

/** Per author: how its messages are drawn and introduced. */
export const AUTHORS: Record<MessageAuthor, AuthorTraits> = {
  visitor: { part: "user", format: "text", layout: "bubble", label: (s) => s.you, badge: () => undefined, replies: false },
  ai: { part: "assistant", format: "markdown", layout: "bubble", label: (s) => s.assistant, badge: (s) => s.aiBadge, replies: true },
  // A person's words are shown as they typed them: plain text, never markup.
  operator: {
    part: "operator",
    format: "text",
    layout: "bubble",
    label: (s, name) => s.operatorSays(nameOf(s, name)),
    badge: (s, name) => nameOf(s, name),
    replies: false,
  },
  system: { part: "system-line", format: "text", layout: "line", label: () => "", badge: () => undefined, replies: false },
};

/** The first letter of a name, for an avatar (a whole grapheme: accents and emoji stay whole). */
export function initialOf(name: string): string {
  const first = [...name.trim()][0] ?? "?";
  return first.toLocaleUpperCase();
}

/** Who wrote `message`: its `author` when this widget knows it, else from its role. */
export function authorOf(message: AuthoredMessage): MessageAuthor {
  const { author } = message;
  if (author && Object.hasOwn(AUTHORS, author)) return author as MessageAuthor;
  return message.role === "user" ? "visitor" : "ai";
}

/** The body to show: the live one while the stored reply is unfinished, else the stored one. */
function shownBody(message: ChatMessage, live: DisplayInput["live"]): StreamBody {
  const stored: StreamBody = { text: message.content, status: message.status ?? "done" };
  if (!message.streamId || isFinal(message.status)) return stored;
  return live(message.streamId) ?? { text: "", status: "pending" };
}

/** Whether `message` is a reply still being written (stored and live both unfinished). */
export function isReplying(message: ChatMessage, live: DisplayInput["live"]): boolean {
  return !!message.streamId && !isFinal(message.status) && !isFinal(shownBody(message, live).status);
}

/** Whether `message` is one of the AI's replies (what Stop, Retry and the reply events are about). */
export function isAiReply(message: AuthoredMessage): boolean {
  return message.role === "assistant" && authorOf(message) === "ai";
}

/**
 * The user message a reply answered. Retry and Regenerate answer it again (`chat:regenerateReply`):
 * the old reply stays in the history with its note, and the new one is written below it.
 */
export function questionBefore(messages: readonly ChatMessage[], replyId: string): ChatMessage | undefined {
  const index = messages.findIndex((m) => m._id === replyId);
  return messages.slice(0, Math.max(index, 0)).findLast((m) => m.role === "user");
}

/** The newest AI reply (the only one Retry, Regenerate and Continue are offered under). */
function newestAiReplyId(messages: readonly ChatMessage[]): string | undefined {
  return messages.findLast((m) => isAiReply(m))?._id;
}

function noteFor(message: ChatMessage, body: StreamBody, strings: MessageDisplayStrings): MessageDisplay["note"] {
  const { status } = body;
  if (status === "error" || status === "timeout") {
    return { kind: "error", text: message.error ?? body.error ?? (status === "timeout" ? strings.replyTimedOut : strings.replyFailed) };
  }
  if (status === "stopped") return { kind: "stopped", text: strings.replyStopped };
  return status === "done" && isCut(message, body) ? { kind: "cut", text: strings.replyCut } : undefined;
}

/** Whether a finished reply was cut at its token limit (the stored flag, or the live body's). */
function isCut(message: ChatMessage, body: StreamBody): boolean {
  return message.cutAtLimit === true || body.cutAtLimit === true;
}

// Actions follow the stored status, not the live one: the stored content is final only then.
// Only the AI's replies have them: a person's message and a system line are not replies to redo.
function actionsFor(
  message: AuthoredMessage,
  messages: readonly ChatMessage[],
  newestReplyId: string | undefined,
  strings: MessageDisplayStrings,
): MessageDisplay["actions"] {
  if (!isAiReply(message) || !isFinal(message.status)) return undefined;
  const newest = message._id === newestReplyId;
  // Only the newest reply, answering a question, can be generated again (the server says the same).
  const redoable = newest && questionBefore(messages, message._id) !== undefined;
  const failed = message.status === "error" || message.status === "timeout";
  // Continuing an older cut reply would answer out of place: only the newest offers it.
  const cut = newest && message.status === "done" && message.cutAtLimit === true;
  return {
    copy: message.content || undefined,
    retry: redoable && failed ? message._id : undefined,
    regenerate: redoable && message.status === "stopped" ? message._id : undefined,
    continue: cut ? strings.continuePrompt : undefined,
  };
}

/** The display of one stored message (`messages` is its conversation, for Retry's question). */
export function displayStored(
  message: AuthoredMessage,
  { messages, live, strings, connected = true }: Omit<DisplayInput, "sending">,
  newestReplyId = newestAiReplyId(messages),
): MessageDisplay {
  const author = authorOf(message);
  const traits = AUTHORS[author];
  const body = shownBody(message, live);
  const busy = !isFinal(body.status);
  const paused = busy && !connected;
  const reply = message.role === "assistant";
  return {
    key: message._id,
    id: message._id,
    author,
    authorLabel: traits.label(strings, message.authorName),
    layout: traits.layout,
    badge: traits.badge(strings, message.authorName),
    avatar: author === "operator" ? initialOf(nameOf(strings, message.authorName)) : undefined,
    // A line is no message bubble: its own part only.
    parts: traits.layout === "line" ? traits.part : `message ${traits.part}`,
    format: traits.format,
    text: body.text,
    phase: body.status,
    busy,
    paused,
    note: paused ? { kind: "waiting", text: strings.waitingForConnection } : noteFor(message, body, strings),
    trailingLabel: undefined,
    stoppable: traits.replies && isReplying(message, live),
    actions: actionsFor(message, messages, newestReplyId, strings),
    announce: !reply
      ? undefined
      : traits.replies
        ? { id: message._id, text: body.text, status: body.status }
        : {
            id: message._id,
            text: [traits.label(strings, message.authorName), body.text].filter(Boolean).join(" "),
            status: body.status,
            arrival: true,
          },
    // Shown once the stored reply is final: sources are stored with its final text.
    sources:
      reply && isFinal(message.status) && message.sources?.length
        ? { label: strings.sources, links: sourceLinks(message.sources) }
        : undefined,
  };
}

/** The display of a send the server has not confirmed yet. */
export function displaySending(send: UnconfirmedSend, strings: MessageDisplayStrings, connected = true): MessageDisplay {
  const traits = AUTHORS.visitor;
  return {
    key: send.clientMessageId,
    id: undefined,
    author: "visitor",
    authorLabel: traits.label(strings, undefined),
    layout: traits.layout,
    badge: undefined,
    avatar: undefined,
    parts: `message ${traits.part} sending`,
    format: traits.format,
    text: send.text,
    phase: "sending",
    busy: true,
    paused: !connected,
    // Visible, so that a visitor offline knows the message is kept and will go, not lost.
    note: connected ? undefined : { kind: "queued", text: strings.queued },
    trailingLabel: connected ? strings.sending : undefined,
    stoppable: false,
    actions: undefined,
    announce: undefined,
    sources: undefined,
  };
}

/** Every message of the log, in order: the stored ones, then the sends still on their way. */
export function displayMessages(input: DisplayInput): MessageDisplay[] {
  const newestReplyId = newestAiReplyId(input.messages);
  return [
    ...input.messages.map((m) => displayStored(m, input, newestReplyId)),
    ...input.sending.map((s) => displaySending(s, input.strings, input.connected ?? true)),
  ];
}
