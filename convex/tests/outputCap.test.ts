// Every reply has a token cap (lib/limits.ts `replyTokenAllowance`): the site's
// model.maxOutputTokens, else env MAX_OUTPUT_TOKENS, else 1024, sent to the provider as max_tokens.
import { afterEach, beforeEach, expect, test } from "vitest";
import { api } from "../_generated/api";
import { DEFAULT_MAX_OUTPUT_TOKENS } from "../lib/limits";
import { newConvexTest, type ChatTest } from "./convexTest.helpers";
import { startOpenAIServer, type OpenAIServer } from "./openaiServer.helpers";
import { readChunks, setEnv, streamRequest } from "./stream.helpers";
import { createSite, signInVisitor, type Visitor } from "./visitors.helpers";

let t: ChatTest;
let server: OpenAIServer;
let restoreEnv: () => void;

beforeEach(async () => {
  server = await startOpenAIServer({ pieces: ["Hi."] });
  restoreEnv = setEnv({
    OPENAI_API_KEY: "sk-test",
    OPENAI_BASE_URL: server.baseUrl,
    MAX_OUTPUT_TOKENS: undefined,
    DAILY_TOKEN_BUDGET: undefined,
  });
  t = await newConvexTest();
  await createSite(t, { key: "plain" });
  await createSite(t, { key: "capped", model: { maxOutputTokens: 300 } });
});
afterEach(async () => {
  restoreEnv();
  await server.close();
});

async function maxTokensSent(siteKey: string, visitor?: Visitor): Promise<unknown> {
  const asker = visitor ?? (await signInVisitor(t, siteKey));
  const { streamId } = await asker.as.mutation(api.chat.sendMessage, { siteKey, text: "Hello" });
  await readChunks(await asker.as.fetch(`/chat-stream?site=${siteKey}`, streamRequest(streamId!)));
  return server.requests[server.requests.length - 1].body.max_tokens;
}

test("a site without a cap gets the default, MAX_OUTPUT_TOKENS overrides it, the site's own cap wins", async () => {
  expect(await maxTokensSent("plain")).toBe(DEFAULT_MAX_OUTPUT_TOKENS);
  setEnv({ MAX_OUTPUT_TOKENS: "2048" });
  expect(await maxTokensSent("plain")).toBe(2048);
  expect(await maxTokensSent("capped")).toBe(300);
  setEnv({ MAX_OUTPUT_TOKENS: "junk" });
  expect(await maxTokensSent("plain")).toBe(DEFAULT_MAX_OUTPUT_TOKENS);
});

test("the cap is never more than the whole daily budget", async () => {
  setEnv({ DAILY_TOKEN_BUDGET: "100" });
  expect(await maxTokensSent("plain")).toBe(100);
});
