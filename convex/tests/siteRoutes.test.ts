import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { api, internal } from "../_generated/api";
import { newConvexTest, type ChatTest } from "./convexTest.helpers";
import { readChunks, setEnv } from "./stream.helpers";
import { createSite, signInVisitor, SITE_KEY, type Visitor } from "./visitors.helpers";

// The stream route answers CORS only for the stream's own site's origins, and refuses the rest
// before anything is claimed or generated.

let t: ChatTest;
let visitor: Visitor;
let streamId: string;
let restoreEnv: () => void;

beforeEach(async () => {
  restoreEnv = setEnv({ OFFLINE_TOKEN_DELAY_MS: "0", OPENAI_API_KEY: undefined });
  t = await newConvexTest();
  await createSite(t, { key: "shop", allowedOrigins: ["https://shop.example.com", "https://*.shop.example.net"] });
  await createSite(t, { key: "other", allowedOrigins: ["https://other.example"] });
  visitor = await signInVisitor(t, "shop");
  streamId = (await visitor.as.mutation(api.chat.sendMessage, { siteKey: "shop", text: "Hello" })).streamId!;
});
afterEach(() => restoreEnv());

const preflight = (siteKey: string | null, origin?: string) =>
  t.fetch(`/chat-stream${siteKey === null ? "" : `?site=${siteKey}`}`, {
    method: "OPTIONS",
    headers: {
      ...(origin === undefined ? {} : { Origin: origin }),
      "Access-Control-Request-Method": "POST",
      "Access-Control-Request-Headers": "authorization,content-type",
    },
  });

const post = (origin: string | undefined, siteKey = "shop", as = visitor.as) =>
  as.fetch(`/chat-stream?site=${siteKey}`, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...(origin === undefined ? {} : { Origin: origin }) },
    body: JSON.stringify({ streamId }),
  });

async function expectJsonError(response: Response, status: number, code: string) {
  expect(response.status).toBe(status);
  expect(await response.json()).toMatchObject({ error: { code } });
}

async function expectUntouched() {
  expect(await visitor.as.query(api.chat.getStreamBody, { streamId })).toEqual({ text: "", status: "pending" });
}

describe("preflight", () => {
  test("an exact or wildcard origin of the site is echoed with Vary: Origin, never *", async () => {
    for (const origin of ["https://shop.example.com", "https://eu.shop.example.net", "https://a.b.shop.example.net"]) {
      const response = await preflight("shop", origin);
      expect(response.status).toBe(204);
      expect(response.headers.get("Access-Control-Allow-Origin")).toBe(origin);
      expect(response.headers.get("Vary")).toBe("Origin");
      expect(response.headers.get("Access-Control-Allow-Methods")).toContain("POST");
      expect(response.headers.get("Access-Control-Allow-Headers")).toMatch(/Authorization.*Content-Type/);
    }
  });

  test("other origins, the bare domain of a wildcard, another scheme and another site's origin get 403", async () => {
    for (const origin of ["https://evil.example", "https://shop.example.net", "http://shop.example.com", "https://other.example", "null"]) {
      const response = await preflight("shop", origin);
      await expectJsonError(response, 403, "ORIGIN_NOT_ALLOWED");
      expect(response.headers.get("Access-Control-Allow-Origin")).toBeNull();
    }
  });

  test("the local backend's demo site admits localhost and 127.0.0.1 on any port, and nothing else", async () => {
    for (const origin of ["http://localhost:5173", "http://127.0.0.1:8080"]) {
      expect((await preflight(SITE_KEY, origin)).status).toBe(204);
    }
    await expectJsonError(await preflight(SITE_KEY, "https://shop.example.com"), 403, "ORIGIN_NOT_ALLOWED");
  });

  test("an unknown site gets 404; a disabled site 403 (no ?site= at all: see undrivenReply.test.ts)", async () => {
    await expectJsonError(await preflight("nope", "https://shop.example.com"), 404, "SITE_NOT_FOUND");
    await t.mutation(internal.sites.update, { key: "shop", enabled: false });
    await expectJsonError(await preflight("shop", "https://shop.example.com"), 403, "SITE_DISABLED");
  });
});

describe("POST", () => {
  test("an allowed origin streams the reply with its origin echoed", async () => {
    const response = await post("https://eu.shop.example.net");
    expect(response.status).toBe(200);
    expect(response.headers.get("Access-Control-Allow-Origin")).toBe("https://eu.shop.example.net");
    expect(response.headers.get("Vary")).toBe("Origin");
    expect((await readChunks(response)).join("")).toContain("offline demo");
  });

  test("a disallowed origin gets 403 and nothing starts", async () => {
    const response = await post("https://evil.example");
    await expectJsonError(response, 403, "ORIGIN_NOT_ALLOWED");
    expect(response.headers.get("Access-Control-Allow-Origin")).toBeNull();
    await expectUntouched();
  });

  test("the origin is checked against the stream's own site, not ?site=", async () => {
    // "other" allows this origin, but the stream belongs to "shop".
    await expectJsonError(await post("https://other.example", "other"), 403, "ORIGIN_NOT_ALLOWED");
    await expectUntouched();
    // And the reverse: a wrong ?site= does not stop an origin the stream's site allows.
    expect((await post("https://shop.example.com", "other")).status).toBe(200);
  });

  test("a request without Origin (a server, not a browser) is served without CORS headers", async () => {
    const response = await post(undefined);
    expect(response.status).toBe(200);
    expect(response.headers.get("Access-Control-Allow-Origin")).toBeNull();
    expect((await readChunks(response)).join("")).toContain("offline demo");
  });

  test("a disabled site gets 403 SITE_DISABLED, with or without Origin, and nothing starts", async () => {
    await t.mutation(internal.sites.update, { key: "shop", enabled: false });
    const response = await post("https://shop.example.com");
    await expectJsonError(response, 403, "SITE_DISABLED");
    expect(response.headers.get("Access-Control-Allow-Origin")).toBe("https://shop.example.com");
    await expectJsonError(await post(undefined), 403, "SITE_DISABLED");
    await expectUntouched();
  });

  test("errors before the stream is known carry CORS headers only for origins ?site= allows", async () => {
    const allowed = await post("https://shop.example.com", "shop", t);
    await expectJsonError(allowed, 401, "UNAUTHENTICATED");
    expect(allowed.headers.get("Access-Control-Allow-Origin")).toBe("https://shop.example.com");
    const other = await post("https://evil.example", "shop", t);
    await expectJsonError(other, 401, "UNAUTHENTICATED");
    expect(other.headers.get("Access-Control-Allow-Origin")).toBeNull();
  });

  test("a stranger's request for the stream gets 404, whatever the origin", async () => {
    const stranger = await signInVisitor(t);
    await expectJsonError(await post("https://shop.example.com", "shop", stranger.as), 404, "NOT_FOUND");
    await expectUntouched();
  });
});
