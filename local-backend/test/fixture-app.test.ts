/**
 * The local backend's generic machinery on a small fixture app (test/fixture/convex): module
 * discovery, writes from scheduled functions, errors, the HTTP function API, and http routes.
 */
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConvexHttpClient, type ConvexClient } from "convex/browser";
import { anyApi } from "convex/server";
import { ConvexError } from "convex/values";
import WebSocket from "ws";
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
    expect(names).toEqual(["counters", "http", "items", "nested/deep", "notes"]);
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

describe("search indexes", () => {
  it("skip documents without the search field, as a deployment's index does, instead of failing every search", async () => {
    await client.mutation(anyApi.notes.add, { text: "green tea brewing" });
    await client.mutation(anyApi.notes.add, {});
    await client.mutation(anyApi.notes.add, { text: "oolong" });
    expect(await client.query(anyApi.notes.search, { text: "green" })).toEqual(["green tea brewing"]);
    expect(await client.query(anyApi.notes.search, { text: "oolo" })).toEqual(["oolong"]);
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
    expect(await refused.json()).toEqual({ error: { code: "UNAUTHENTICATED", message: expect.stringContaining("JWT") } });
  });

  it("lets a loopback page read the 401, and no other page", async () => {
    const refusal = (origin: string) => fetch(`${backend.siteUrl}/count`, { headers: { authorization: "Bearer nope", origin } });
    const loopback = await refusal("http://localhost:5173");
    expect(loopback.status).toBe(401);
    expect(loopback.headers.get("access-control-allow-origin")).toBe("http://localhost:5173");
    expect(loopback.headers.get("vary")).toBe("Origin");
    const foreign = await refusal("https://evil.example");
    expect(foreign.status).toBe(401);
    expect(foreign.headers.get("access-control-allow-origin")).toBeNull();
  });
});

/** A GET with a chosen Host header (fetch does not let one set it). */
function getWithHost(url: string, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers: { host } }, (res) => {
      let body = "";
      res
        .setEncoding("utf8")
        .on("data", (chunk) => (body += chunk))
        .on("end", () => resolve({ status: res.statusCode!, body }));
    });
    req.on("error", reject);
  });
}

describe("DNS rebinding: only loopback Host names are served", () => {
  it("refuses a foreign Host on both URLs and accepts every loopback name with the right port", async () => {
    // Each URL answers in its own error shape: a deployment's, and the app's routes'.
    for (const [base, code] of [
      [backend.url, "ForbiddenHost"],
      [backend.siteUrl, "FORBIDDEN_HOST"],
    ]) {
      const port = new URL(base).port;
      const refused = await getWithHost(`${base}/version`, `rebound.example:${port}`);
      expect(refused.status).toBe(403);
      expect(JSON.parse(refused.body)).toMatchObject(base === backend.url ? { code } : { error: { code } });
      expect((await getWithHost(`${base}/version`, "127.0.0.1:1")).status).toBe(403);
      for (const name of ["127.0.0.1", "localhost", "[::1]"]) {
        expect((await getWithHost(`${base}/version`, `${name}:${port}`)).status).not.toBe(403);
      }
    }
  });

  it("refuses a WebSocket upgrade with a foreign Host", async () => {
    const syncUrl = `${backend.url.replace("http", "ws")}/api/1.48.0/sync`;
    const open = (host: string) =>
      new Promise<string>((resolve) => {
        const ws = new WebSocket(syncUrl, { headers: { host } });
        ws.on("open", () => {
          ws.close();
          resolve("open");
        });
        ws.on("error", (e) => resolve(e.message));
      });
    expect(await open(`rebound.example:${new URL(backend.url).port}`)).toMatch(/403/);
    expect(await open(`localhost:${new URL(backend.url).port}`)).toBe("open");
  });
});
