import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { api } from "../_generated/api";
import { newConvexTest, type ChatTest } from "./convexTest.helpers";
import { readChunks, setEnv, streamRequest } from "./stream.helpers";
import { signInVisitor, type Visitor } from "./visitors.helpers";

// Requests the stream route must refuse, each without starting the reply.

let t: ChatTest;
let visitor: Visitor;
let streamId: string;
let restoreEnv: () => void;

beforeEach(async () => {
  restoreEnv = setEnv({ OFFLINE_TOKEN_DELAY_MS: "0", OPENAI_API_KEY: undefined, ALLOWED_ORIGINS: undefined });
  t = await newConvexTest();
  visitor = await signInVisitor(t);
  ({ streamId } = await visitor.as.mutation(api.chat.sendMessage, { text: "Hello" }));
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

describe("CORS", () => {
  const preflight = (origin: string) =>
    t.fetch("/chat-stream", {
      method: "OPTIONS",
      headers: { Origin: origin, "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "authorization,content-type" },
    });

  test("the development default admits localhost and 127.0.0.1 on any port, echoing the origin", async () => {
    for (const origin of ["http://localhost:5173", "http://127.0.0.1:8080", "https://localhost"]) {
      const response = await preflight(origin);
      expect(response.status).toBe(204);
      expect(response.headers.get("Access-Control-Allow-Origin")).toBe(origin);
      expect(response.headers.get("Vary")).toBe("Origin");
      expect(response.headers.get("Access-Control-Allow-Methods")).toContain("POST");
      expect(response.headers.get("Access-Control-Allow-Headers")).toMatch(/Authorization.*Content-Type/);
    }
  });

  test("a disallowed origin gets 403 JSON, on preflight and on POST, before any work", async () => {
    for (const origin of ["https://evil.example", "http://localhost.evil.example", "null"]) {
      const response = await preflight(origin);
      await expectJsonError(response, 403, "ORIGIN_NOT_ALLOWED");
      expect(response.headers.get("Access-Control-Allow-Origin")).toBeNull();
    }
    const post = await visitor.as.fetch("/chat-stream", streamRequest(streamId, "https://evil.example"));
    await expectJsonError(post, 403, "ORIGIN_NOT_ALLOWED");
    await expectUntouched();
  });

  test("ALLOWED_ORIGINS replaces the development default", async () => {
    process.env.ALLOWED_ORIGINS = "https://shop.example, https://www.shop.example/";
    expect((await preflight("https://www.shop.example")).status).toBe(204);
    expect((await preflight("http://localhost:5173")).status).toBe(403);
    const response = await visitor.as.fetch("/chat-stream", streamRequest(streamId, "https://shop.example"));
    expect(response.status).toBe(200);
    expect(response.headers.get("Access-Control-Allow-Origin")).toBe("https://shop.example");
    expect((await readChunks(response)).join("")).toContain("offline demo");
  });

  test('ALLOWED_ORIGINS="*" admits any page', async () => {
    process.env.ALLOWED_ORIGINS = "*";
    const response = await preflight("https://anywhere.example");
    expect(response.status).toBe(204);
    expect(response.headers.get("Access-Control-Allow-Origin")).toBe("https://anywhere.example");
  });

  test("error answers to allowed origins carry CORS headers so the page can read them", async () => {
    const response = await t.fetch("/chat-stream", streamRequest(streamId, "http://localhost:3000"));
    expect(response.headers.get("Access-Control-Allow-Origin")).toBe("http://localhost:3000");
    await expectJsonError(response, 401, "UNAUTHENTICATED");
  });
});
