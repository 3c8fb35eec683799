/**
 * The seeded demo owner over the real sync protocol: signs in with the password through
 * `auth:signIn` on a real `ConvexClient`, sees the site, and watches a visitor's conversation
 * appear in the inbox live. Seeded exactly as `npm start` / `npm run backend` seed it.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import type { ConvexClient } from "convex/browser";
import { anyApi } from "convex/server";
import { DEMO_OWNER_EMAIL, demoOwnerPassword, seedDemo } from "../src/demo-seed.ts";
import { startLocalBackend, type LocalBackend } from "../src/index.ts";
import { newClient, record, signInAnonymously, waitFor } from "./helpers.ts";

type Row = { conversationId: string; title: string; unread: boolean; replying: boolean };
type Page = { page: Row[]; isDone: boolean };

let backend: LocalBackend;
let owner: ConvexClient;
let visitor: ConvexClient;

beforeAll(async () => {
  backend = await startLocalBackend({ env: { OFFLINE_TOKEN_DELAY_MS: "2" }, log: () => {} });
  await seedDemo(backend);
  owner = newClient(backend.url);
  visitor = newClient(backend.url);
});

afterAll(async () => {
  await owner?.close();
  await visitor?.close();
  await backend?.close();
});

async function signInOwner(client: ConvexClient, password: string) {
  return (await client.action(anyApi.auth.signIn, {
    provider: "password",
    params: { email: DEMO_OWNER_EMAIL, password, flow: "signIn" },
  })) as {
    tokens?: { token: string; refreshToken: string };
  };
}

it("refuses a wrong password and does not expose the internal createOwner", async () => {
  await expect(signInOwner(owner, "wrong-password")).rejects.toThrow();
  await expect(
    owner.action(anyApi.operators.createOwner, { siteKey: "demo", email: "x@y.test", password: "whatever-long" }),
  ).rejects.toThrow(/Could not find public function/);
});

it("the seeded owner signs in with the password and sees a visitor's conversation appear live", async () => {
  const result = await signInOwner(owner, demoOwnerPassword());
  const token = result.tokens?.token;
  expect(token).toMatch(/^ey/);
  expect(await new Promise<boolean>((resolve) => owner.setAuth(async () => token!, resolve))).toBe(true);
  expect(await owner.query(anyApi.inbox.mySites, {})).toEqual([{ siteKey: "demo", name: "Local demo", role: "owner" }]);

  const inbox = record<Page>(owner, anyApi.inbox.listConversations, {
    siteKey: "demo",
    filter: "all",
    paginationOpts: { numItems: 20, cursor: null },
  });
  await waitFor(inbox.latest, (p) => p.page.length === 0, "the empty inbox");

  await signInAnonymously(visitor);
  const sent = (await visitor.mutation(anyApi.chat.sendMessage, { siteKey: "demo", text: "Hello from a visitor" })) as {
    conversationId: string;
    streamId: string;
  };
  const row = await waitFor(inbox.latest, (p) => p.page.length === 1, "the visitor's conversation in the inbox");
  expect(row.page[0]).toMatchObject({ conversationId: sent.conversationId, title: "Hello from a visitor", unread: true, replying: true });
  inbox.unsubscribe();
});
