/**
 * The admin key, as `npx convex run` presents it (ConvexHttpClient `setAdminAuth`:
 * `Authorization: Convex <key>[:<identity>]` on `POST /api/function`): internal functions run,
 * a wrong key or a browser page is refused, and without it internal functions stay hidden.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConvexHttpClient } from "convex/browser";
import { makeFunctionReference } from "convex/server";
import type { Value } from "convex/values";
import { DEFAULT_LOCAL_ADMIN_KEY } from "../src/admin-auth.ts";
import { startLocalBackend, type LocalBackend } from "../src/index.ts";

const fixtureDir = path.join(path.dirname(fileURLToPath(import.meta.url)), "fixture", "convex");
let backend: LocalBackend;
type AdminClient = {
  setAdminAuth(key: string, actingAs?: Record<string, Value>): void;
  function(ref: unknown, componentPath: string | undefined, args: Record<string, Value>): Promise<Value>;
};

beforeAll(async () => {
  backend = await startLocalBackend({ convexDir: fixtureDir, log: () => {} });
});
afterAll(async () => {
  await backend?.close();
});

function adminClient(key: string, actingAs?: Record<string, Value>): AdminClient {
  const client = new ConvexHttpClient(backend.url) as unknown as AdminClient;
  client.setAdminAuth(key, actingAs);
  return client;
}

describe("the admin key", () => {
  it("is the documented one by default", () => {
    expect(backend.adminKey).toBe(DEFAULT_LOCAL_ADMIN_KEY);
  });

  it("runs internal queries and mutations, and public ones, like npx convex run", async () => {
    const admin = adminClient(backend.adminKey);
    expect(await admin.function(makeFunctionReference("counters:secret"), undefined, {})).toBe("secret");
    await admin.function(makeFunctionReference("counters:bump"), undefined, { name: "admin" });
    expect(await admin.function(makeFunctionReference("counters:get"), undefined, { name: "admin" })).toBe(1);
  });

  it("acts as the identity given with --identity", async () => {
    const admin = adminClient(backend.adminKey, { subject: "operator-7", name: "Seven" });
    expect(await admin.function(makeFunctionReference("counters:whoAmI"), undefined, {})).toBe("operator-7");
  });

  it("refuses a wrong key", async () => {
    const error = await adminClient("convex-chat-local|guess")
      .function(makeFunctionReference("counters:secret"), undefined, {})
      .catch((e: Error) => e);
    expect(String(error)).toContain("BadAdminKey");
  });

  it("is not accepted from a browser page, even a loopback one", async () => {
    const response = await fetch(`${backend.url}/api/function`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Convex ${backend.adminKey}`, origin: "http://localhost:5173" },
      body: JSON.stringify({ path: "counters:secret", args: {}, format: "convex_encoded_json" }),
    });
    expect(response.status).toBe(403);
  });

  it("is what internal functions need: without it they are not found", async () => {
    const client = new ConvexHttpClient(backend.url);
    const error = await client.query(makeFunctionReference<"query">("counters:secret"), {}).catch((e: Error) => e);
    expect(String(error)).toContain("Could not find public function for 'counters:secret'");
  });
});
