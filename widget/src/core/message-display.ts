// What each message of the log shows, decided in one place: from the stored messages, the live
// body of each reply still being written and the sends not yet confirmed, a display model per
// message (its text, author, phase, note, the actions offered and what the live region follows).
// Templates only draw the model. Framework-free.
import { isFinal, type ChatMessage, type StreamBody, type StreamStatus } from "./api.js";
import { sourceLinks, type SourceLink } from "./message-sources.js";

/**
 * Who wrote a message. Stored messages carry a `role`; an explicit `author` (when the server sends
 * one this widget knows) wins. Adding an author (an operator, the system) is this type, one entry
 * in {@link AUTHORS} and its strings.
 */
export type MessageAuthor = "visitor" | "ai";

/** Where a message is in its life: `sending` until the server confirms it, then a reply's status. */
export type MessagePhase = "sending" | StreamStatus;

/** A message as the log draws it. */
export interface MessageDisplay {
  /** Stable key for the template: the stored id, or the client id of a send not yet confirmed. */
  key: string;
  /** The stored message's id (undefined while sending). */
  id: string | undefined;
  author: MessageAuthor;
  /** What a screen reader hears before the message ("You:", "Assistant:"). */
  authorLabel: string;
  /** Space-separated `::part` names of the message (`message user`, `message assistant sending`…). */
  parts: string;
  /** `text`: drawn as a text node; `markdown`: rendered by DOM calls (never as HTML). */
  format: "text" | "markdown";
  /** The text so far: the live body while a reply streams, else the stored content. */
  text: string;
  phase: MessagePhase;
  /** Still changing (aria-busy, the caret): sending, or a reply not final yet. */
  busy: boolean;
  /** Said under the message: why a reply ended early. */
  note: { kind: "error" | "stopped"; text: string } | undefined;
  /** Read aloud after the text (visually hidden), e.g. "Sending…". */
  trailingLabel: string | undefined;
  /** A reply the Stop button ends: being written, per its stored status and its live body. */
  stoppable: boolean;
  /** The buttons under a finished reply (undefined: none, e.g. a visitor's message or a reply still written). */
  actions: { copy: string | undefined; retry: string | undefined } | undefined;
  /** What the polite live region follows (replies only). */
  announce: { id: string; text: string; status: string } | undefined;
  /** The pages a finished reply was grounded on, under it (undefined: none). */
  sources: { label: string; links: SourceLink[] } | undefined;
}

/** The strings a display needs (a subset of the chat's `strings`). */
export interface MessageDisplayStrings {
  you: string;
  assistant: string;
  sending: string;
  replyFailed: string;
  replyTimedOut: string;
  replyStopped: string;
  sources: string;
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
}

/** A message that may name its author (the server may add it; `role` stands in until then). */
export type AuthoredMessage = ChatMessage & { author?: string; authorName?: string };

interface AuthorTraits {
  /** The part and class naming who wrote it (kept as `user`/`assistant`: the public `::part` API). */
  part: string;
  format: "text" | "markdown";
  label: (strings: MessageDisplayStrings, name: string | undefined) => string;
}

/** Per author: how its messages are drawn and introduced. */
export const AUTHORS: Record<MessageAuthor, AuthorTraits> = {
  visitor: { part: "user", format: "text", label: (s) => s.you },
  ai: { part: "assistant", format: "markdown", label: (s) => s.assistant },
};

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

/**
 * The user message a failed reply answered: Retry sends its text again as a new message (the
 * failed reply stays in the history with its reason, and the new one is written below).
 */
export function questionBefore(messages: readonly ChatMessage[], replyId: string): ChatMessage | undefined {
  const index = messages.findIndex((m) => m._id === replyId);
  return messages.slice(0, Math.max(index, 0)).findLast((m) => m.role === "user");
}

function noteFor(message: ChatMessage, body: StreamBody, strings: MessageDisplayStrings): MessageDisplay["note"] {
  const { status } = body;
  if (status === "error" || status === "timeout") {
    return { kind: "error", text: message.error ?? body.error ?? (status === "timeout" ? strings.replyTimedOut : strings.replyFailed) };
  }
  return status === "stopped" ? { kind: "stopped", text: strings.replyStopped } : undefined;
}

// Actions follow the stored status, not the live one: the stored content is final only then.
function actionsFor(message: ChatMessage, messages: readonly ChatMessage[], newestReplyId: string | undefined): MessageDisplay["actions"] {
  if (message.role !== "assistant" || !isFinal(message.status)) return undefined;
  const failed = message.status === "error" || message.status === "timeout";
  const question = failed && message._id === newestReplyId ? questionBefore(messages, message._id) : undefined;
  return { copy: message.content || undefined, retry: question?.content };
}

/** The display of one stored message (`messages` is its conversation, for Retry's question). */
export function displayStored(
  message: AuthoredMessage,
  { messages, live, strings }: Omit<DisplayInput, "sending">,
  newestReplyId = messages.findLast((m) => m.role === "assistant")?._id,
): MessageDisplay {
  const author = authorOf(message);
  const traits = AUTHORS[author];
  const body = shownBody(message, live);
  const busy = !isFinal(body.status);
  const reply = message.role === "assistant";
  return {
    key: message._id,
    id: message._id,
    author,
    authorLabel: traits.label(strings, message.authorName),
    parts: `message ${traits.part}`,
    format: traits.format,
    text: body.text,
    phase: body.status,
    busy,
    note: noteFor(message, body, strings),
    trailingLabel: undefined,
    stoppable: isReplying(message, live),
    actions: actionsFor(message, messages, newestReplyId),
    announce: reply ? { id: message._id, text: body.text, status: body.status } : undefined,
    // Shown once the stored reply is final: sources are stored with its final text.
    sources: reply && isFinal(message.status) && message.sources?.length ? { label: strings.sources, links: sourceLinks(message.sources) } : undefined,
  };
}

/** The display of a send the server has not confirmed yet. */
export function displaySending(send: UnconfirmedSend, strings: MessageDisplayStrings): MessageDisplay {
  const traits = AUTHORS.visitor;
  return {
    key: send.clientMessageId,
    id: undefined,
    author: "visitor",
    authorLabel: traits.label(strings, undefined),
    parts: `message ${traits.part} sending`,
    format: traits.format,
    text: send.text,
    phase: "sending",
    busy: true,
    note: undefined,
    trailingLabel: strings.sending,
    stoppable: false,
    actions: undefined,
    announce: undefined,
    sources: undefined,
  };
}

/** Every message of the log, in order: the stored ones, then the sends still on their way. */
export function displayMessages(input: DisplayInput): MessageDisplay[] {
  const newestReplyId = input.messages.findLast((m) => m.role === "assistant")?._id;
  return [
    ...input.messages.map((m) => displayStored(m, input, newestReplyId)),
    ...input.sending.map((s) => displaySending(s, input.strings)),
  ];
}
