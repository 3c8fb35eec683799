/**
 * The local backend's generic machinery on a small fixture app (test/fixture/convex): module
 * discovery, writes from scheduled functions, errors, the HTTP function API, and http routes.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConvexHttpClient, type ConvexClient } from "convex/browser";
import { anyApi } from "convex/server";
import { ConvexError } from "convex/values";
import { startLocalBackend, type LocalBackend } from "../src/index.ts";
import { discoverFunctionModules, moduleNames } from "../src/modules.ts";
import { newClient, record, waitFor } from "./helpers.ts";

const fixtureDir = path.join(path.dirname(fileURLToPath(import.meta.url)), "fixture", "convex");
let backend: LocalBackend;
let client: ConvexClient;

beforeAll(async () => {
  backend = await startLocalBackend({ convexDir: fixtureDir, log: () => {} });
  client = newClient(backend.url);
});

afterAll(async () => {
  await client?.close();
  await backend?.close();
});

describe("function discovery", () => {
  it("follows the Convex bundler's rules", () => {
    const names = [...moduleNames(discoverFunctionModules(fixtureDir), fixtureDir)].sort();
    // Skipped: schema.ts, helper.spec.ts (two dots), .hidden.ts, "has space.ts", empty.ts, README.md.
    expect(names).toEqual(["counters", "http", "nested/deep"]);
  });

  it("runs functions in nested folders", async () => {
    expect(await client.query(anyApi["nested/deep"].hello, {})).toBe("hello from nested/deep");
  });
});

describe("sync API on the fixture app", () => {
  it("pushes writes made by a scheduled function after the mutation returned", async () => {
    const counter = record<number>(client, anyApi.counters.get, { name: "scheduled" });
    await waitFor(counter.latest, (v) => v === 0, "the initial value");
    await client.mutation(anyApi.counters.bumpLater, { name: "scheduled" });
    await waitFor(counter.latest, (v) => v === 1, "the scheduled write");
    expect(counter.values).toEqual([0, 1]);
    counter.unsubscribe();
  });

  it("keeps ConvexError data intact, bigints included", async () => {
    const error = await client.mutation(anyApi.counters.fail, {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConvexError);
    expect((error as ConvexError<{ code: string }>).data).toEqual({ code: "NOPE", detail: [1, 2n] });
  });

  it("refuses internal functions on the sync API", async () => {
    const error = (await client.query(anyApi.counters.secret, {}).catch((e: Error) => e)) as Error;
    expect(error.message).toContain("Could not find public function for 'counters:secret'");
  });
});

describe("HTTP function API (ConvexHttpClient)", () => {
  it("runs public queries and mutations", async () => {
    const http = new ConvexHttpClient(backend.url, { logger: false });
    await http.mutation(anyApi.counters.bumpNow, { name: "http" });
    expect(await http.query(anyApi.counters.get, { name: "http" })).toBe(1);
  });

  it("returns ConvexError data and refuses internal functions and bad tokens", async () => {
    const http = new ConvexHttpClient(backend.url, { logger: false });
    const error = await http.mutation(anyApi.counters.fail, {}).catch((e: unknown) => e);
    expect((error as ConvexError<{ code: string }>).data).toMatchObject({ code: "NOPE" });
    const internal = (await http.query(anyApi.counters.secret, {}).catch((e: Error) => e)) as Error;
    expect(internal.message).toContain("Could not find public function");
    http.setAuth("not.a.jwt");
    const refused = (await http.query(anyApi.counters.get, { name: "x" }).catch((e: Error) => e)) as Error;
    expect(refused.message).toMatch(/Unauthenticated|parse JWT/);
  });
});

describe("http routes on the site URL", () => {
  it("streams chunk by chunk, keeping status, headers and the query string", async () => {
    const response = await fetch(`${backend.siteUrl}/count?x=1`);
    expect(response.status).toBe(201);
    expect(response.headers.get("x-path")).toBe("/count?x=1");
    expect(response.headers.get("x-user")).toBe("anonymous");
    const decoder = new TextDecoder();
    const chunks: string[] = [];
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) chunks.push(decoder.decode(chunk));
    expect(chunks.join("")).toBe("1;2;3;4;5;");
    expect(chunks.length).toBeGreaterThan(1);
  });

  it("answers 404 for unknown routes and 401 JSON for an invalid bearer token", async () => {
    expect((await fetch(`${backend.siteUrl}/nowhere`)).status).toBe(404);
    const refused = await fetch(`${backend.siteUrl}/count`, { headers: { authorization: "Bearer nope" } });
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ code: "Unauthenticated" });
  });
});
