import { afterEach, beforeEach, expect, test } from "vitest";
import { api } from "../_generated/api";
import { newConvexTest, type ChatTest } from "./convexTest.helpers";
import { startOpenAIServer, type OpenAIServer, type Script } from "./openaiServer.helpers";
import { readChunks, setEnv, streamRequest } from "./stream.helpers";
import { signInVisitor, type Visitor } from "./visitors.helpers";

let t: ChatTest;
let visitor: Visitor;
let server: OpenAIServer;
let restoreEnv: () => void;

beforeEach(async () => {
  restoreEnv = setEnv({ OPENAI_API_KEY: "sk-test", OPENAI_BASE_URL: undefined, OPENAI_MODEL: undefined });
  t = await newConvexTest();
  visitor = await signInVisitor(t);
});
afterEach(async () => {
  await server?.close();
  restoreEnv();
});

/** Sends a message, drives its reply against a scripted provider, returns what the driver read. */
async function driveReply(script: Script) {
  server = await startOpenAIServer(script);
  process.env.OPENAI_BASE_URL = server.baseUrl;
  const sent = await visitor.as.mutation(api.chat.sendMessage, { text: "Go on." });
  const response = await visitor.as.fetch("/chat-stream", streamRequest(sent.streamId));
  expect(response.status).toBe(200);
  const streamed = (await readChunks(response)).join("");
  const messages = await visitor.as.query(api.chat.listMessages, { conversationId: sent.conversationId });
  const body = await visitor.as.query(api.chat.getStreamBody, { streamId: sent.streamId });
  return { streamed, stored: messages[messages.length - 1], body };
}

test("a provider failing mid-reply keeps all text produced so far, including after the last sentence end", async () => {
  const { streamed, stored, body } = await driveReply({
    pieces: ["The first sentence. ", "Then half of ", "another", " never sent"],
    failAfter: 3,
  });
  const partial = "The first sentence. Then half of another";
  expect(streamed).toBe(partial);
  expect(stored).toMatchObject({ content: partial, status: "error" });
  expect(stored.error).toMatch(/connection to the AI provider broke/);
  expect(body).toEqual({ text: partial, status: "error" });
});

test("an in-stream provider error ends the reply as error with the provider's reason", async () => {
  const { stored, body } = await driveReply({ pieces: ["Fine so far", " and then"], errorAfter: 1 });
  expect(stored).toMatchObject({ content: "Fine so far", status: "error" });
  expect(stored.error).toContain("scripted in-stream error");
  expect(body).toEqual({ text: "Fine so far", status: "error" });
});

test("a provider refusing the request ends the reply as error with the HTTP status", async () => {
  const { streamed, stored, body } = await driveReply({ pieces: [], status: 500 });
  expect(streamed).toBe("");
  expect(stored).toMatchObject({ content: "", status: "error" });
  expect(stored.error).toMatch(/HTTP 500/);
  expect(body).toEqual({ text: "", status: "error" });
});
