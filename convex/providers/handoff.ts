// The AI asking for a person: the tool an OpenAI-compatible model may call, what the offline
// responder reacts to, and the sentence a reply that hands over ends with.

/** The sentence that ends a reply in which the AI asked for a person. */
export const HANDOVER_SENTENCE = "I'm passing this conversation to a person from our team; they will answer here as soon as they can.";

/** The tool's name, as the model calls it. */
export const HANDOFF_TOOL_NAME = "request_handoff";

/** The Chat Completions `tools` entry offered with every request. */
export const HANDOFF_TOOL = {
  type: "function",
  function: {
    name: HANDOFF_TOOL_NAME,
    description:
      "Hand the conversation to a person from the site's team. Call it when the visitor asks for a human, " +
      "is frustrated, or needs something you cannot do. A person is notified and answers in this chat.",
    parameters: {
      type: "object",
      properties: { reason: { type: "string", description: "Why a person is needed, in a few words." } },
      additionalProperties: false,
    },
  },
} as const;

/** What makes the offline responder hand over: "talk to a human" (or "a person"), any case. */
export const OFFLINE_HANDOFF_PATTERN = /\btalk to a (human|person)\b/i;
