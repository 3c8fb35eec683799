/**
 * What a page on another origin can learn or do: document ids are unguessable (convex-test numbers
 * them in sequence; Convex Auth's refresh tokens are ids), and the function API and sync socket
 * serve loopback pages only.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ConvexClient } from "convex/browser";
import { anyApi } from "convex/server";
import WebSocket from "ws";
import { startLocalBackend, type LocalBackend } from "../src/index.ts";
import { newClient } from "./helpers.ts";

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

describe("document ids", () => {
  it("are random, yet valid ids of their table for validators, db.get and normalizeId", async () => {
    const ids: string[] = [];
    for (let rank = 0; rank < 20; rank++) ids.push(await client.mutation(anyApi.items.add, { list: "ids", rank }));
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[0-9]{30}items$/);
    // Sequential ids differ by one; random ones almost never share even a long prefix.
    const numbers = ids.map((id) => BigInt(id.slice(0, 30)));
    for (let i = 1; i < numbers.length; i++) expect(numbers[i] - numbers[i - 1]).not.toBe(1n);
    expect(new Set(ids.map((id) => id.slice(0, 6))).size).toBeGreaterThan(15);

    expect(await client.query(anyApi.items.normalize, { table: "items", id: ids[3] })).toBe(ids[3]);
    expect(await client.query(anyApi.items.normalize, { table: "counters", id: ids[3] })).toBeNull();
    expect(await client.query(anyApi.items.rankOf, { id: ids[7] })).toBe(7);
    // A neighbour of a real id is no document.
    const neighbour = `${(numbers[7] + 1n).toString().padStart(30, "0")}items`;
    expect(await client.query(anyApi.items.rankOf, { id: neighbour })).toBeNull();
  });

  it("are random in tables written by the backend itself (scheduled functions)", async () => {
    await client.mutation(anyApi.counters.bumpLater, { name: "ids" });
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push(await client.mutation(anyApi.items.add, { list: "ids-2", rank: i }));
    expect(ids.every((id) => /^[0-9]{30}items$/.test(id))).toBe(true);
  });
});

describe("origins", () => {
  const call = (origin: string | undefined, method = "POST") =>
    fetch(`${backend.url}/api/query`, {
      method,
      headers: { "content-type": "application/json", ...(origin ? { origin } : {}) },
      body: method === "POST" ? JSON.stringify({ path: "counters:get", args: { name: "cors" } }) : undefined,
    });

  it("grants CORS to loopback pages on any port", async () => {
    for (const origin of ["http://localhost:5173", "http://127.0.0.1:8000", "http://[::1]:3000"]) {
      const preflight = await call(origin, "OPTIONS");
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get("access-control-allow-origin")).toBe(origin);
      const answer = await call(origin);
      expect(answer.status).toBe(200);
      expect(answer.headers.get("access-control-allow-origin")).toBe(origin);
    }
  });

  it("refuses pages of other origins, preflight and simple requests alike", async () => {
    for (const origin of ["https://evil.example", "http://localhost.evil.example", "null"]) {
      const preflight = await call(origin, "OPTIONS");
      expect(preflight.status).toBe(403);
      expect(preflight.headers.get("access-control-allow-origin")).toBeNull();
      const answer = await call(origin);
      expect(answer.status).toBe(403);
      expect(answer.headers.get("access-control-allow-origin")).toBeNull();
    }
  });

  it("serves clients that send no Origin (Node, the CLI)", async () => {
    const answer = await call(undefined);
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({ status: "success", value: 0 });
  });

  it("refuses a sync socket opened by a page of another origin", async () => {
    const open = (origin: string) =>
      new Promise<number | "open">((resolve) => {
        const ws = new WebSocket(`${backend.url.replace("http", "ws")}/api/1.48.0/sync`, { origin });
        ws.once("open", () => (resolve("open"), ws.close()));
        ws.once("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0));
        ws.once("error", () => {});
      });
    expect(await open("https://evil.example")).toBe(403);
    expect(await open("http://localhost:5173")).toBe("open");
  });
});
