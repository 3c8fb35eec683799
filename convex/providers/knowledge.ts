// Replies grounded on the site's knowledge: how the retrieved passages go into the prompt, the
// plain answer when none is relevant, and the offline responder's extractive answer.
import type { Passage } from "../lib/knowledgeBase";

/** What a reply knows of the site's knowledge base (absent: the site has none, answer as before). */
export type ReplyKnowledge = {
  /** The passages relevant to the question, best first; empty when nothing relevant enough was found. */
  passages: Passage[];
};

/**
 * The reply when the site's knowledge has nothing relevant: it says so and offers a person
 * ("talk to a human" hands the conversation over, providers/handoff.ts).
 */
export const NO_ANSWER_REPLY =
  "I couldn't find the answer to that in this site's help pages, and I'd rather not guess. " +
  'Would you like to talk to a person from the team? Write "talk to a human" and someone will answer here.';

/**
 * The system prompt with the passages appended as numbered sources, and the rules for using
 * them: answer from them only, and when they do not answer, say so and offer a person (the
 * `request_handoff` tool where the provider has it).
 */
export function groundedSystemPrompt(system: string, knowledge: ReplyKnowledge): string {
  if (knowledge.passages.length === 0) {
    return (
      `${system}\n\nThis site's help pages have nothing relevant to the visitor's last message. Unless it is ` +
      "small talk, say plainly that you could not find the answer in the site's help pages, do not guess, and " +
      "offer to bring in a person from the team (call request_handoff if the visitor accepts)."
    );
  }
  const sources = knowledge.passages.map((p, i) => `[${i + 1}] ${p.title}${p.url ? ` (${p.url})` : ""}\n${p.text}`).join("\n\n");
  return (
    `${system}\n\nAnswer from the site's help pages below. Use only what they say; when they do not answer ` +
    "the question, say so plainly and offer to bring in a person from the team. The sources are shown to the " +
    `visitor under your reply, so do not repeat their links.\n\n${sources}`
  );
}

const STOP_WORDS = new Set(
  "a an and are as at be by can do does for from how i if in is it its me my of on or our so that the this to was we what when where which who why will with you your".split(
    " ",
  ),
);

/** Content words of `text`, lower case, with a plural or verb `s` dropped ("returns" → "return"). */
function words(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [])
    .filter((w) => !STOP_WORDS.has(w))
    .map((w) => (w.length > 3 && w.endsWith("s") && !w.endsWith("ss") ? w.slice(0, -1) : w));
}

/** Sentences of a passage (a line break ends one too: headings and list items). */
function sentences(text: string): string[] {
  return text
    .split(/\n+|(?<=[.!?])\s+(?=[A-Z0-9“"(])/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/**
 * The offline responder's answer from the passages: the sentences of the best passage that share
 * the most words with the question (at most three, in their order on the page), introduced by
 * the page's title. No model: what it says is quoted from the site's own text.
 */
export function extractiveAnswer(question: string, passages: readonly Passage[]): string {
  const [best] = passages;
  if (!best) return NO_ANSWER_REPLY;
  const asked = new Set(words(question));
  const scored = sentences(best.text).map((sentence, index) => ({
    sentence,
    index,
    overlap: words(sentence).filter((w) => asked.has(w)).length,
  }));
  const chosen = scored
    .filter((s) => s.overlap > 0)
    .sort((a, b) => b.overlap - a.overlap || a.index - b.index)
    .slice(0, 3)
    .sort((a, b) => a.index - b.index);
  // Nothing in common word for word (a paraphrase the model matched): quote the passage's opening.
  const quote = (chosen.length > 0 ? chosen : scored.slice(0, 2)).map((s) => s.sentence);
  return `From “${best.title}”: ${quote.map((s) => (/[.!?:]$/.test(s) ? s : `${s}.`)).join(" ")}`;
}
