import { shopAnswer } from "./offlineShopAnswers";

/** Longest reply the offline responder writes on request (keeps the message under Convex's 1 MiB). */
export const MAX_OFFLINE_REPLY_CHARS = 100_000;
/** Most words the offline responder writes on request. */
export const MAX_OFFLINE_REPLY_WORDS = 10_000;

/** A reply length asked for in a message: "reply with 8192 characters", "500 words", "8192 bytes". */
export type LengthRequest = { unit: "chars" | "words"; count: number };

const LENGTH_REQUEST = /\b(\d{1,6})\s*(characters|chars|bytes|words)\b/i;

const FILLER = [
  "Convex keeps every chunk of this reply in its database, so a reload shows the same text.",
  "The offline responder writes the same words every time, which makes benchmarks repeatable.",
  "Each sentence ends with a full stop, the point at which the stream component persists text.",
  "Readers in other tabs subscribe to the stored body and see it grow while it is written.",
];

/** Finds an explicit length request in the visitor's message, if any. */
export function parseLengthRequest(message: string): LengthRequest | null {
  const match = LENGTH_REQUEST.exec(message);
  if (!match) return null;
  const unit = match[2].toLowerCase() === "words" ? "words" : "chars";
  return { unit, count: Number(match[1]) };
}

/**
 * The offline demo's reply to `message`: deterministic, readable, and saying what it is.
 * With `length` (from the message or `OFFLINE_REPLY_CHARS`), exactly that many ASCII characters
 * or words of deterministic text, capped at {@link MAX_OFFLINE_REPLY_CHARS} characters / {@link MAX_OFFLINE_REPLY_WORDS} words.
 */
export function offlineReplyText(message: string, length: LengthRequest | null): string {
  const intro = "This is the offline demo of convex-chat: no AI model is connected, so this reply is generated locally.";
  if (length) return fixedLengthText(`${intro} `, length);
  const asked = message.replace(/\s+/g, " ").trim();
  const excerpt = asked.length > 160 ? `${asked.slice(0, 157)}...` : asked;
  let answer: string;
  const shop = shopAnswer(asked);
  if (shop) {
    answer = `From the shop's help page: ${shop.answer}`;
  } else if (/^(hi|hello|hey|good (morning|afternoon|evening))\b/i.test(asked)) {
    answer = "Hello to you too! Ask me anything and watch the answer stream in.";
  } else if (asked.endsWith("?")) {
    answer = `You asked: "${excerpt}" I cannot look that up offline, but a connected model would answer it right here, word by word.`;
  } else {
    answer = `You said: "${excerpt}" A connected model would reply to that right here, word by word.`;
  }
  return [
    intro,
    answer,
    "Every word you see is streamed over HTTP as it is generated and saved in Convex, so a reload or another tab shows the same reply.",
    "Set OPENAI_API_KEY on the deployment to talk to a real model.",
  ].join(" ");
}

function fixedLengthText(prefix: string, { unit, count }: LengthRequest): string {
  const words = fillerWords(prefix);
  if (unit === "words") {
    const wanted = Math.min(count, MAX_OFFLINE_REPLY_WORDS);
    return Array.from({ length: wanted }, () => words.next().value).join(" ");
  }
  const wanted = Math.min(count, MAX_OFFLINE_REPLY_CHARS);
  let text = "";
  while (text.length < wanted) text += (text ? " " : "") + words.next().value;
  return text.slice(0, wanted);
}

/** The prefix's words, then the filler sentences' words over and over. */
function* fillerWords(prefix: string): Generator<string, never> {
  yield* prefix.split(" ").filter(Boolean);
  const filler = FILLER.join(" ").split(" ");
  for (let i = 0; ; i++) yield filler[i % filler.length];
}
