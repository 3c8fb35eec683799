/**
 * One connection's messages are handled in the order they were sent, as a deployment does: a
 * mutation or action sent right after `Authenticate` runs as the new identity, and a query added
 * after the token expired does not run as that identity.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { anyApi } from "convex/server";
import WebSocket from "ws";
import { startLocalBackend, type LocalBackend } from "../src/index.ts";
import { newClient, waitFor } from "./helpers.ts";

type Msg = Record<string, any>;
const fixtureDir = path.join(path.dirname(fileURLToPath(import.meta.url)), "fixture", "convex");
let backend: LocalBackend;
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

function tokenFor(subject: string, expiresAtSeconds = Math.floor(Date.now() / 1000) + 3600): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: "RS256" })
    .setIssuer(backend.siteUrl)
    .setAudience("convex")
    .setSubject(subject)
    .setIssuedAt()
    .setExpirationTime(expiresAtSeconds)
    .sign(signingKey);
}

describe("messages of one connection", () => {
  it("run a mutation and an action sent right after Authenticate as the new identity (ConvexClient, tight loop)", async () => {
    const client = newClient(backend.url);
    try {
      const wrong: string[] = [];
      for (let i = 0; i < 30; i++) {
        const token = await tokenFor(`user-${i}`);
        client.setAuth(async () => token);
        const [fromMutation, fromAction] = await Promise.all([
          client.mutation(anyApi.counters.whoAmIMutation, {}),
          client.action(anyApi.counters.whoAmI, {}),
        ]);
        if (fromMutation !== `user-${i}`) wrong.push(`mutation ${i}: ${fromMutation}`);
        if (fromAction !== `user-${i}`) wrong.push(`action ${i}: ${fromAction}`);
      }
      expect(wrong).toEqual([]);
    } finally {
      await client.close();
    }
  });

  it("run requests sent on the wire right after Authenticate as the new identity (raw socket, tight loop)", async () => {
    const ws = new WebSocket(`${backend.url.replace("http", "ws")}/api/1.48.0/sync`);
    const received: Msg[] = [];
    ws.on("message", (data) => received.push(JSON.parse(data.toString())));
    await new Promise((resolve, reject) => ws.once("open", resolve).once("error", reject));
    const send = (m: Msg) => ws.send(JSON.stringify(m));
    send({ type: "Connect", sessionId: "order-raw", connectionCount: 0, lastCloseReason: null, clientTs: Date.now() });
    const tokens = await Promise.all(Array.from({ length: 30 }, (_, i) => tokenFor(`raw-${i}`)));
    for (let i = 0; i < tokens.length; i++) {
      send({ type: "Authenticate", tokenType: "User", value: tokens[i], baseVersion: i });
      send({ type: "Mutation", requestId: 2 * i, udfPath: "counters:whoAmIMutation", args: [{}] });
      send({ type: "Action", requestId: 2 * i + 1, udfPath: "counters:whoAmI", args: [{}] });
    }
    const answers = await waitFor(
      () => received.filter((m) => m.type === "MutationResponse" || m.type === "ActionResponse"),
      (list) => list.length === 2 * tokens.length,
      "every response",
    );
    for (const answer of answers) expect(answer).toMatchObject({ success: true, result: `raw-${Math.floor(answer.requestId / 2)}` });
    ws.close();
  });

  it("do not run a query added after the token expired as that identity", async () => {
    const expiresAtSeconds = Math.floor(Date.now() / 1000) + 3;
    const ws = new WebSocket(`${backend.url.replace("http", "ws")}/api/1.48.0/sync`);
    const received: Msg[] = [];
    ws.on("message", (data) => received.push(JSON.parse(data.toString())));
    await new Promise((resolve, reject) => ws.once("open", resolve).once("error", reject));
    const send = (m: Msg) => ws.send(JSON.stringify(m));
    send({ type: "Connect", sessionId: "order-expiry", connectionCount: 0, lastCloseReason: null, clientTs: Date.now() });
    send({ type: "Authenticate", tokenType: "User", value: await tokenFor("expiring", expiresAtSeconds), baseVersion: 0 });
    send({
      type: "ModifyQuerySet",
      baseVersion: 0,
      newVersion: 1,
      modifications: [{ type: "Add", queryId: 0, udfPath: "counters:whoAmIQuery", args: [{ tag: 0 }] }],
    });
    const first = await waitFor(
      () => received.find((m) => m.type === "Transition" && m.endVersion.querySet === 1),
      () => true,
      "the first result",
    );
    expect(first.modifications).toEqual([expect.objectContaining({ queryId: 0, value: "expiring" })]);

    await waitFor(
      () => Date.now() > expiresAtSeconds * 1000 + 50 || undefined,
      () => true,
      "the token to expire",
      15_000,
    );
    const before = received.length;
    send({
      type: "ModifyQuerySet",
      baseVersion: 1,
      newVersion: 2,
      modifications: [{ type: "Add", queryId: 1, udfPath: "counters:whoAmIQuery", args: [{ tag: 1 }] }],
    });
    expect(
      await waitFor(
        () => received.slice(before).find((m) => m.type === "AuthError"),
        () => true,
        "the AuthError",
      ),
    ).toMatchObject({ error: "Token expired", authUpdateAttempted: false });
    await new Promise((r) => setTimeout(r, 300));
    const ran = received
      .slice(before)
      .filter((m) => m.type === "Transition")
      .flatMap((m) => m.modifications);
    expect(ran).toEqual([]);

    // Authenticating again answers the waiting query set, as the new identity.
    send({ type: "Authenticate", tokenType: "User", value: await tokenFor("renewed"), baseVersion: 1 });
    const renewed = await waitFor(
      () => received.slice(before).find((m) => m.type === "Transition"),
      () => true,
      "the renewed results",
    );
    expect(renewed.startVersion).toMatchObject({ querySet: 1, identity: 1 });
    expect(renewed.endVersion).toMatchObject({ querySet: 2, identity: 2 });
    expect(renewed.modifications).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ queryId: 0, value: "renewed" }),
        expect.objectContaining({ queryId: 1, value: "renewed" }),
      ]),
    );
    ws.close();
  });
});
