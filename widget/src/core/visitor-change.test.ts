// When the storage passes to another visitor (a signed identity given, changed or dropped), what the
// previous visitor left there (current conversations, unsent messages) is forgotten, never used as theirs.
import { expect } from "@open-wc/testing";
import { freshVisitor, testBackend, TEST_SITE_KEY, waitFor } from "../../test/test-helpers.js";
import { chatApi } from "./api.js";
import { conversationStorageKey } from "./conversation-store.js";
import { Deployment } from "./deployment.js";
import type { HostIdentity } from "./host-identity.js";
import { newClientMessageId, outboxStorageKey } from "./outbox.js";
import { storageNamespace, type KeyValueStorage } from "./storage.js";

/** The host site's server signing its customer's id (the run's demo-site secret). */
async function sign(customerId: string): Promise<HostIdentity> {
  const secret = (await testBackend()).demoIdentitySecret;
  const expiresAt = Date.now() + 3_600_000;
  const encoder = new TextEncoder();
  const key = await crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const mac = await crypto.subtle.sign("HMAC", key, encoder.encode(`${TEST_SITE_KEY}:${customerId}:${expiresAt}`));
  return { customerId, expiresAt, signature: [...new Uint8Array(mac)].map((b) => b.toString(16).padStart(2, "0")).join("") };
}

function memoryStorage(): KeyValueStorage {
  const entries = new Map<string, string>();
  return {
    getItem: (key) => entries.get(key) ?? null,
    setItem: (key, value) => void entries.set(key, value),
    removeItem: (key) => void entries.delete(key),
    keys: () => [...entries.keys()],
  };
}

async function signedIn(deployment: Deployment, identity?: HostIdentity): Promise<void> {
  deployment.auth.start(TEST_SITE_KEY, identity);
  await waitFor(() => deployment.auth.state.value.status === "signed-in", "sign-in");
}

describe("another visitor on the same storage", () => {
  const opened: Deployment[] = [];
  beforeEach(freshVisitor);
  afterEach(async () => void (await Promise.all(opened.splice(0).map((d) => d.close()))));

  it("inherits neither the current conversation nor the unsent messages the previous visitor left", async () => {
    const { url } = await testBackend();
    const storage = memoryStorage();
    const namespace = storageNamespace(url);
    const conversationEntry = conversationStorageKey(namespace, TEST_SITE_KEY, "main");
    const outboxEntry = outboxStorageKey(namespace, TEST_SITE_KEY, "main");
    const leaveBehind = async (deployment: Deployment, text: string) => {
      const { conversationId } = await deployment.client.mutation(chatApi.sendMessage, { siteKey: TEST_SITE_KEY, text });
      deployment.conversation(TEST_SITE_KEY, "main").set(conversationId);
      storage.setItem(
        outboxEntry,
        JSON.stringify([{ clientMessageId: newClientMessageId(), text: `${text} (unsent)`, conversationId, createdAt: 1 }]),
      );
    };

    // An anonymous visitor's page closes with a conversation and a send never confirmed.
    const anonymous = new Deployment(url, { storage });
    opened.push(anonymous);
    await signedIn(anonymous);
    await leaveBehind(anonymous, "Asked anonymously");
    await anonymous.close();

    // The next page signs a customer in on that storage: none of it is theirs.
    const customer = new Deployment(url, { storage });
    opened.push(customer);
    await signedIn(customer, await sign(`customer-${crypto.randomUUID()}`));
    expect([storage.getItem(conversationEntry), storage.getItem(outboxEntry)]).to.deep.equal([null, null]);
    expect(customer.conversation(TEST_SITE_KEY, "main").value).to.equal(null);

    // And while the page stays: the host passes another customer's identity.
    await leaveBehind(customer, "Asked as the first customer");
    const store = customer.conversation(TEST_SITE_KEY, "main");
    await signedIn(customer, await sign(`customer-${crypto.randomUUID()}`));
    expect([storage.getItem(conversationEntry), storage.getItem(outboxEntry)]).to.deep.equal([null, null]);
    expect(store.value).to.equal(null);
  });
});
