/**
 * The sync protocol on the wire, checked message by message with a raw WebSocket: the version
 * rules the real ConvexClient depends on (see shared/notes/convex-offline.md).
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { startLocalBackend, type LocalBackend } from "../src/index.ts";
import { waitFor } from "./helpers.ts";

type Msg = Record<string, any>;
const fixtureDir = path.join(path.dirname(fileURLToPath(import.meta.url)), "fixture", "convex");
let backend: LocalBackend;
// The fixture trusts tokens from the site URL (fixture/convex/auth.config.ts); the test signs them.
let signingKey: CryptoKey;

beforeAll(async () => {
  const keys = await generateKeyPair("RS256");
  signingKey = keys.privateKey;
  const jwks = JSON.stringify({ keys: [{ ...(await exportJWK(keys.publicKey)), alg: "RS256", use: "sig" }] });
  backend = await startLocalBackend({ convexDir: fixtureDir, log: () => {}, env: { JWKS: jwks, JWT_PRIVATE_KEY: "unused" } });
});
afterAll(async () => {
  await backend?.close();
});

const decodeTs = (b64: string) => Buffer.from(b64, "base64").readBigUInt64LE();

/** A raw sync connection that records every server message. */
async function connect(sessionId: string) {
  const ws = new WebSocket(`${backend.url.replace("http", "ws")}/api/1.48.0/sync`);
  const received: Msg[] = [];
  let closeCode: number | undefined;
  ws.on("message", (data) => received.push(JSON.parse(data.toString())));
  ws.on("close", (code) => (closeCode = code));
  await new Promise((resolve, reject) => ws.once("open", resolve).once("error", reject));
  const send = (m: Msg) => ws.send(JSON.stringify(m));
  send({ type: "Connect", sessionId, connectionCount: 0, lastCloseReason: null, clientTs: Date.now() });
  const next = async (type: string, after = 0) =>
    await waitFor(
      () => received.slice(after).find((m) => m.type === type),
      () => true,
      `a ${type}`,
    );
  return { ws, received, send, next, closed: () => closeCode };
}

describe("sync protocol on the wire", () => {
  it("versions transitions exactly and answers mutations with a covering transition", async () => {
    const c = await connect("session-a");
    c.send({
      type: "ModifyQuerySet",
      baseVersion: 0,
      newVersion: 1,
      modifications: [{ type: "Add", queryId: 7, udfPath: "counters:get", args: [{ name: "raw" }] }],
    });
    const first = await c.next("Transition");
    expect(first.startVersion).toEqual({ querySet: 0, identity: 0, ts: "AAAAAAAAAAA=" });
    expect(first.endVersion.querySet).toBe(1);
    expect(first.modifications).toEqual([{ type: "QueryUpdated", queryId: 7, value: 0, logLines: [], journal: null }]);
    // serverTs is in nanoseconds.
    expect(Math.abs(first.serverTs / 1e6 - Date.now())).toBeLessThan(60_000);

    // Nothing committed: no transition follows.
    await new Promise((r) => setTimeout(r, 300));
    expect(c.received.filter((m) => m.type === "Transition")).toHaveLength(1);

    const before = c.received.length;
    c.send({ type: "Mutation", requestId: 0, udfPath: "counters:bumpNow", args: [{ name: "raw" }] });
    const response = await c.next("MutationResponse", before);
    expect(response.success).toBe(true);
    const second = await c.next("Transition", before);
    expect(second.startVersion).toEqual(first.endVersion);
    expect(decodeTs(second.endVersion.ts)).toBeGreaterThanOrEqual(decodeTs(response.ts));
    expect(second.modifications).toEqual([{ type: "QueryUpdated", queryId: 7, value: 1, logLines: [], journal: null }]);
    c.ws.close();
  });

  it("does not run a mutation twice when a session re-sends it after reconnecting", async () => {
    const first = await connect("session-b");
    first.send({ type: "Mutation", requestId: 3, udfPath: "counters:bumpNow", args: [{ name: "dedupe" }] });
    const original = await first.next("MutationResponse");
    first.ws.close();

    const again = await connect("session-b");
    again.send({ type: "Mutation", requestId: 3, udfPath: "counters:bumpNow", args: [{ name: "dedupe" }] });
    const replay = await again.next("MutationResponse");
    expect(replay).toEqual(original);
    again.send({
      type: "ModifyQuerySet",
      baseVersion: 0,
      newVersion: 1,
      modifications: [{ type: "Add", queryId: 0, udfPath: "counters:get", args: [{ name: "dedupe" }] }],
    });
    const result = await waitFor(
      () => again.received.find((m) => m.type === "Transition" && m.endVersion.querySet === 1),
      () => true,
      "the query result",
    );
    expect(result.modifications[0].value).toBe(1);
    again.ws.close();
  });

  it("answers a bad token with AuthError and keeps the identity version", async () => {
    const c = await connect("session-c");
    c.send({ type: "Authenticate", tokenType: "User", value: "bad.token.value", baseVersion: 0 });
    const error = await c.next("AuthError");
    expect(error).toMatchObject({ baseVersion: 0, authUpdateAttempted: true });
    c.send({ type: "Authenticate", tokenType: "None", baseVersion: 0 });
    const cleared = await c.next("Transition");
    expect(cleared.endVersion.identity).toBe(1);
    c.ws.close();
  });

  it("closes a connection whose query set version does not follow", async () => {
    const c = await connect("session-d");
    c.send({ type: "ModifyQuerySet", baseVersion: 5, newVersion: 6, modifications: [] });
    await waitFor(c.closed, () => true, "the socket to close");
    expect(c.closed()).toBe(1011);
  });

  it("keeps answering a connection's requests after one fails with a value that is not an Error", async () => {
    const c = await connect("session-e");
    const response = (type: string, requestId: number) =>
      waitFor(
        () => c.received.find((m) => m.type === type && m.requestId === requestId),
        () => true,
        `${type} ${requestId}`,
      );
    c.send({ type: "Mutation", requestId: 0, udfPath: "counters:throwBare", args: [{}] });
    c.send({ type: "Mutation", requestId: 1, udfPath: "counters:bumpNow", args: [{ name: "after-bare" }] });
    c.send({ type: "Action", requestId: 2, udfPath: "counters:throwBareAction", args: [{}] });
    expect(await response("MutationResponse", 0)).toMatchObject({ success: false, result: expect.stringContaining("Server Error") });
    expect(await response("MutationResponse", 1)).toMatchObject({ success: true });
    expect(await response("ActionResponse", 2)).toMatchObject({ success: false, result: expect.stringContaining("Server Error") });
    expect(c.closed()).toBeUndefined();
    c.ws.close();
  });

  it("answers an Action sent after the token expired with a failed ActionResponse, and does not run it", async () => {
    const expiresAtSeconds = Math.floor(Date.now() / 1000) + 4;
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: "RS256" })
      .setIssuer(backend.siteUrl)
      .setAudience("convex")
      .setSubject("user-1")
      .setIssuedAt()
      .setExpirationTime(expiresAtSeconds)
      .sign(signingKey);
    const c = await connect("session-f");
    c.send({ type: "Authenticate", tokenType: "User", value: token, baseVersion: 0 });
    expect((await c.next("Transition")).endVersion.identity).toBe(1);
    c.send({ type: "Action", requestId: 0, udfPath: "counters:whoAmI", args: [{}] });
    expect(await c.next("ActionResponse")).toMatchObject({ requestId: 0, success: true, result: "user-1" });

    await waitFor(
      () => Date.now() > expiresAtSeconds * 1000 || undefined,
      () => true,
      "the token to expire",
      15_000,
    );
    const before = c.received.length;
    c.send({ type: "Action", requestId: 1, udfPath: "counters:whoAmI", args: [{}] });
    const refused = await c.next("ActionResponse", before);
    expect(refused).toMatchObject({ requestId: 1, success: false, result: expect.stringContaining("Token expired") });
    expect(await c.next("AuthError", before)).toMatchObject({ error: "Token expired", baseVersion: 1, authUpdateAttempted: false });
    c.ws.close();
  });
});
