// The AI asks for a person: the OpenAI-compatible provider's `request_handoff` tool (against a
// loopback server speaking the tool-call streaming format) and the offline responder's
// "talk to a human". Either way the reply ends with the handover sentence and the conversation waits.
import { afterEach, beforeEach, expect, test } from "vitest";
import { api } from "../_generated/api";
import { HANDOFF_TOOL_NAME, HANDOVER_SENTENCE } from "../providers/handoff";
import { newDesk, type Desk } from "./handoff.helpers";
import { startOpenAIServer, type OpenAIServer } from "./openaiServer.helpers";
import { readChunks, setEnv, streamRequest } from "./stream.helpers";
import { lastMessage, SITE_KEY } from "./visitors.helpers";

let desk: Desk;
let restoreEnv: () => void;
let openai: OpenAIServer | undefined;

beforeEach(async () => {
  restoreEnv = setEnv({
    OFFLINE_TOKEN_DELAY_MS: "0",
    OPENAI_API_KEY: undefined,
    OPENAI_BASE_URL: undefined,
    OPENAI_HANDOFF_TOOL: undefined,
  });
  desk = await newDesk();
});
afterEach(async () => {
  await openai?.close();
  openai = undefined;
  restoreEnv();
});

async function askAndRead(text: string) {
  const sent = await desk.visitor.as.mutation(api.chat.sendMessage, { siteKey: SITE_KEY, text });
  const response = await desk.visitor.as.fetch(`/chat-stream?site=${SITE_KEY}`, streamRequest(sent.streamId!));
  expect(response.status).toBe(200);
  const streamed = (await readChunks(response)).join("");
  const state = await desk.visitor.as.query(api.chat.conversationState, { conversationId: sent.conversationId });
  return { sent, streamed, state, stored: await lastMessage(desk.visitor, sent.conversationId) };
}

async function useOpenAI(script: Parameters<typeof startOpenAIServer>[0]) {
  openai = await startOpenAIServer(script);
  setEnv({ OPENAI_API_KEY: "sk-test", OPENAI_BASE_URL: openai.baseUrl });
}

test("the model calls request_handoff: the reply ends with the handover sentence and the conversation waits", async () => {
  await useOpenAI({
    pieces: ["Let me get ", "someone for you."],
    toolCall: { name: HANDOFF_TOOL_NAME, arguments: '{"reason":"refund dispute"}' },
  });
  const { streamed, state, stored } = await askAndRead("I want a refund and I am angry");
  expect(streamed).toBe(`Let me get someone for you.\n\n${HANDOVER_SENTENCE}`);
  expect(stored).toMatchObject({ author: "ai", status: "done", content: streamed });
  expect(state.mode).toBe("waiting");
  const body = openai!.requests[0].body;
  expect(body.tools).toEqual([
    expect.objectContaining({ type: "function", function: expect.objectContaining({ name: HANDOFF_TOOL_NAME }) }),
  ]);
});

test("a model that answers without the tool leaves the AI answering", async () => {
  await useOpenAI({ pieces: ["Sure, ", "here it is."] });
  const { streamed, state } = await askAndRead("What are your hours?");
  expect(streamed).toBe("Sure, here it is.");
  expect(state.mode).toBe("ai");
});

test("OPENAI_HANDOFF_TOOL=off offers no tool (for models without tool support)", async () => {
  await useOpenAI({ pieces: ["Hello."] });
  setEnv({ OPENAI_HANDOFF_TOOL: "off" });
  await askAndRead("hi");
  expect(openai!.requests[0].body).not.toHaveProperty("tools");
});

test('the offline responder hands over on "talk to a human", in any case', async () => {
  const { streamed, state } = await askAndRead("Can I TALK TO A HUMAN please?");
  expect(streamed).toBe(HANDOVER_SENTENCE);
  expect(state.mode).toBe("waiting");
  const other = await askAndRead("Tell me about humans");
  expect(other.streamed).not.toContain(HANDOVER_SENTENCE);
  expect(other.state.mode).toBe("ai");
});
