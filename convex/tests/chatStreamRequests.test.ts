import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { api } from "../_generated/api";
import { newConvexTest, type ChatTest } from "./convexTest.helpers";
import { setEnv, streamRequest } from "./stream.helpers";
import { signInVisitor, SITE_KEY, type Visitor } from "./visitors.helpers";

// Requests the stream route must refuse, each without starting the reply.

let t: ChatTest;
let visitor: Visitor;
let streamId: string;
let restoreEnv: () => void;

beforeEach(async () => {
  restoreEnv = setEnv({ OFFLINE_TOKEN_DELAY_MS: "0", OPENAI_API_KEY: undefined });
  t = await newConvexTest();
  visitor = await signInVisitor(t);
  streamId = (await visitor.as.mutation(api.chat.sendMessage, { siteKey: SITE_KEY, text: "Hello" })).streamId!;
});
afterEach(() => restoreEnv());

async function expectUntouched() {
  expect(await visitor.as.query(api.chat.getStreamBody, { streamId })).toEqual({ text: "", status: "pending" });
}

async function expectJsonError(response: Response, status: number, code: string) {
  expect(response.status).toBe(status);
  expect(response.headers.get("Content-Type")).toContain("application/json");
  const body = await response.json();
  expect(body).toMatchObject({ error: { code } });
  expect(typeof body.error.message).toBe("string");
}

describe("malformed bodies get 400/413 JSON and start nothing", () => {
  const post = (body: string) =>
    visitor.as.fetch("/chat-stream", { method: "POST", headers: { "Content-Type": "application/json" }, body });
  const cases: [string, () => string, number, string][] = [
    ["not JSON", () => "{streamId:", 400, "INVALID_JSON"],
    ["an empty body", () => "", 400, "INVALID_JSON"],
    ["a JSON array", () => JSON.stringify([streamId]), 400, "INVALID_BODY"],
    ["JSON null", () => "null", 400, "INVALID_BODY"],
    ["no streamId", () => JSON.stringify({ stream: streamId }), 400, "INVALID_BODY"],
    ["a numeric streamId", () => JSON.stringify({ streamId: 42 }), 400, "INVALID_BODY"],
    ["a blank streamId", () => JSON.stringify({ streamId: "  " }), 400, "INVALID_BODY"],
    ["an oversized body", () => JSON.stringify({ streamId, pad: "x".repeat(5000) }), 413, "BODY_TOO_LARGE"],
  ];
  for (const [name, body, status, code] of cases) {
    test(name, async () => {
      await expectJsonError(await post(body()), status, code);
      await expectUntouched();
    });
  }

  test("an unknown stream id gets 404", async () => {
    await expectJsonError(await visitor.as.fetch("/chat-stream", streamRequest("no-such-stream")), 404, "NOT_FOUND");
    await expectUntouched();
  });
});

describe("tokens", () => {
  test("a request without a token gets 401 JSON", async () => {
    await expectJsonError(await t.fetch("/chat-stream", streamRequest(streamId)), 401, "UNAUTHENTICATED");
    await expectUntouched();
  });

  test("a token for a user that does not exist gets 401 JSON", async () => {
    const forged = t.withIdentity({ subject: `${visitor.userId.replace(/.$/, "x")}|session` });
    await expectJsonError(await forged.fetch("/chat-stream", streamRequest(streamId)), 401, "UNAUTHENTICATED");
    const garbage = t.withIdentity({ subject: "garbage" });
    await expectJsonError(await garbage.fetch("/chat-stream", streamRequest(streamId)), 401, "UNAUTHENTICATED");
    await expectUntouched();
  });
});
