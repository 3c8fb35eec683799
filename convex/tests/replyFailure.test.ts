import { afterEach, beforeEach, expect, test } from "vitest";
import { api, components } from "../_generated/api";
import { newConvexTest, type ChatTest } from "./convexTest.helpers";
import { startOpenAIServer, type OpenAIServer, type Script } from "./openaiServer.helpers";
import { readChunks, setEnv, streamRequest, waitFor } from "./stream.helpers";
import { signInVisitor, SITE_KEY, type Visitor } from "./visitors.helpers";

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

/** The component's own record of the stream: text persisted and status. */
async function componentStream(streamId: string) {
  return await t.run((ctx) => ctx.runQuery(components.persistentTextStreaming.lib.getStreamText, { streamId }));
}

/** Sends a message and starts its reply against a scripted provider. */
async function startReply(script: Script) {
  server = await startOpenAIServer(script);
  process.env.OPENAI_BASE_URL = server.baseUrl;
  const sent = await visitor.as.mutation(api.chat.sendMessage, { siteKey: SITE_KEY, text: "Go on." });
  const response = await visitor.as.fetch("/chat-stream", streamRequest(sent.streamId!));
  expect(response.status).toBe(200);
  return { sent, response };
}

/** Drives a reply to its end; returns what the driver read and what every reader sees. */
async function driveReply(script: Script) {
  const { sent, response } = await startReply(script);
  const streamed = (await readChunks(response)).join("");
  const messages = await visitor.as.query(api.chat.listMessages, { conversationId: sent.conversationId });
  const body = await visitor.as.query(api.chat.getStreamBody, { streamId: sent.streamId! });
  return { streamed, stored: messages[messages.length - 1], body, component: await componentStream(sent.streamId!) };
}

test("a provider failing mid-reply keeps all text produced so far, including after the last sentence end", async () => {
  const { streamed, stored, body, component } = await driveReply({
    pieces: ["The first sentence. ", "Then half of ", "another", " never sent"],
    failAfter: 3,
  });
  const partial = "The first sentence. Then half of another";
  expect(streamed).toBe(partial);
  expect(stored).toMatchObject({ content: partial, status: "error" });
  expect(stored.error).toBe("The connection to the AI provider was lost.");
  expect(body).toEqual({ text: partial, status: "error" });
  // The component agrees: it does not claim `done` for a failed reply, and has the tail too.
  expect(component).toEqual({ text: partial, status: "error" });
});

test("an in-stream provider error ends the reply as error, without the provider's words", async () => {
  const { stored, body, component } = await driveReply({ pieces: ["Fine so far", " and then"], errorAfter: 1 });
  expect(stored).toMatchObject({ content: "Fine so far", status: "error" });
  expect(stored.error).toBe("The AI provider reported an error while answering.");
  expect(stored.error).not.toContain("scripted");
  expect(body).toEqual({ text: "Fine so far", status: "error" });
  expect(component).toEqual({ text: "Fine so far", status: "error" });
});

test("a provider refusing the request ends the reply as error with the HTTP status and no body text", async () => {
  const { streamed, stored, body, component } = await driveReply({ pieces: [], status: 500 });
  expect(streamed).toBe("");
  expect(stored).toMatchObject({ content: "", status: "error" });
  // The provider's body ("scripted failure", type "server_error") never reaches the visitor.
  expect(stored.error).toBe("The AI provider refused the request (HTTP 500).");
  expect(body).toEqual({ text: "", status: "error" });
  expect(component.status).toBe("error");
});

test("the driver's body ends and the reply ends as error when the component's stream ends underneath it", async () => {
  // As when the component's cron times the stream out while the reply is still generating.
  const { sent, response } = await startReply({ pieces: ["First sentence. ", "More. ", "Rest."], holdAfter: 1 });
  await waitFor(
    () => componentStream(sent.streamId!),
    (stream) => stream.text === "First sentence. ",
  );
  await t.run((ctx) =>
    ctx.runMutation(components.persistentTextStreaming.lib.setStreamStatus, { streamId: sent.streamId!, status: "timeout" }),
  );
  server.release();
  // Generation does not wait for writes: the driver may get pieces past the failed write, but the
  // body ends, and the reply ends as error with exactly what the driver received.
  const streamed = (await readChunks(response)).join("");
  expect(streamed.startsWith("First sentence. More. ")).toBe(true);
  const body = await visitor.as.query(api.chat.getStreamBody, { streamId: sent.streamId! });
  expect(body).toEqual({ text: streamed, status: "error" });
});
