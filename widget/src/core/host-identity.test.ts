import { expect } from "@open-wc/testing";
import { finalReply, chatFixture, typeAndSend, waitUntilReady } from "../../test/chat-test-helpers.js";
import { freshVisitor, testBackend, TEST_SITE_KEY, waitFor } from "../../test/test-helpers.js";
import { chatApi } from "./api.js";
import { Deployment } from "./deployment.js";
import { parseHostIdentity, type HostIdentity } from "./host-identity.js";
import type { KeyValueStorage } from "./storage.js";

// The host site's server signs its customer's id; here the test plays that server, with the run's
// demo-site secret (web-test-runner.config.mjs). Each "device" has its own storage and connection.

const HOUR = 3_600_000;

async function sign(customerId: string, options: { secret?: string; expiresAt?: number } = {}): Promise<HostIdentity> {
  const secret = options.secret ?? (await testBackend()).demoIdentitySecret;
  const expiresAt = options.expiresAt ?? Date.now() + HOUR;
  const encoder = new TextEncoder();
  const key = await crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const mac = await crypto.subtle.sign("HMAC", key, encoder.encode(`${TEST_SITE_KEY}:${customerId}:${expiresAt}`));
  const signature = [...new Uint8Array(mac)].map((b) => b.toString(16).padStart(2, "0")).join("");
  return { customerId, expiresAt, signature };
}

function deviceStorage(): KeyValueStorage {
  const entries = new Map<string, string>();
  return {
    getItem: (key) => entries.get(key) ?? null,
    setItem: (key, value) => void entries.set(key, value),
    removeItem: (key) => void entries.delete(key),
  };
}

const devices: Deployment[] = [];

/** A new device (own storage and connection) signing in with `identity`; resolves once it settles. */
async function device(identity: HostIdentity) {
  const deployment = new Deployment((await testBackend()).url, { storage: deviceStorage() });
  devices.push(deployment);
  deployment.auth.start(TEST_SITE_KEY, identity);
  const state = await waitFor(() => deployment.auth.state.value.status !== "signing-in" && deployment.auth.state.value, "sign-in");
  return { deployment, state };
}

describe("signed customer identities", () => {
  beforeEach(freshVisitor);
  afterEach(async () => {
    await Promise.all(devices.splice(0).map((deployment) => deployment.close()));
  });

  it("the same customer is one visitor on two devices: the phone sees the laptop's conversation", async () => {
    const customerId = `customer-${crypto.randomUUID()}`;
    const laptop = await device(await sign(customerId));
    expect(laptop.state.status).to.equal("signed-in");
    const sent = await laptop.deployment.client.mutation(chatApi.sendMessage, { siteKey: TEST_SITE_KEY, text: "Where is my order?" });

    const phone = await device(await sign(customerId, { expiresAt: Date.now() + 2 * HOUR }));
    expect(phone.state.status).to.equal("signed-in");
    const onPhone = await phone.deployment.client.query(chatApi.listConversations, { siteKey: TEST_SITE_KEY });
    expect(onPhone.map((c) => c._id)).to.deep.equal([sent.conversationId]);

    const stranger = await device(await sign(`other-${crypto.randomUUID()}`));
    expect(await stranger.deployment.client.query(chatApi.listConversations, { siteKey: TEST_SITE_KEY })).to.deep.equal([]);
  });

  it("refuses a bad signature and an expired identity with a clear error, and starts no session", async () => {
    const good = await sign("customer-1");
    const tampered = await device({ ...good, customerId: "customer-2" });
    expect(tampered.state).to.deep.include({ status: "error" });
    expect((tampered.state as { message: string }).message).to.match(/signature/i);

    const expired = await device(await sign("customer-1", { expiresAt: Date.now() - 1_000 }));
    expect((expired.state as { message: string }).message).to.match(/expired/i);

    const wrongSecret = await device(await sign("customer-1", { secret: "not-the-site-secret-but-long-enough-anyway" }));
    expect((wrongSecret.state as { message: string }).message).to.match(/signature/i);
  });

  it("<convex-chat identity> signs the customer in: their conversation is on their other device", async () => {
    const customerId = `customer-${crypto.randomUUID()}`;
    const chat = await chatFixture({ identity: JSON.stringify(await sign(customerId)) });
    await waitUntilReady(chat);
    await typeAndSend(chat, "Hello from the shop page");
    await finalReply(chat);

    const phone = await device(await sign(customerId));
    const conversations = await phone.deployment.client.query(chatApi.listConversations, { siteKey: TEST_SITE_KEY });
    expect(conversations.map((c) => c.title)).to.deep.equal(["Hello from the shop page"]);
  });

  it("explains a malformed identity attribute", () => {
    expect(() => parseHostIdentity("{not json")).to.throw(/not JSON/);
    expect(() => parseHostIdentity({ customerId: "c" })).to.throw(/expiresAt/);
    expect(() => parseHostIdentity('{"customerId":"c","expiresAt":"soon","signature":"ab"}')).to.throw(/expiresAt/);
    expect(parseHostIdentity("")).to.equal(undefined);
  });
});
