// Signing out forgets the unconfirmed sends: the old visitor's messages are never sent as the next.
import { expect } from "@open-wc/testing";
import { ConvexError } from "convex/values";
import { freshVisitor, signedInDeployment, TEST_SITE_KEY, waitFor } from "../../test/test-helpers.js";
import { chatApi, type SendResult } from "./api.js";
import { clearOutboxes, newClientMessageId, outboxFor, outboxStorageKey, type SendOutcome, type SendRequest } from "./outbox.js";
import { storageNamespace } from "./storage.js";

const codeOf = (error: unknown) => (error instanceof ConvexError ? (error.data as { code: string }).code : String(error));

describe("Outbox on sign-out", () => {
  beforeEach(freshVisitor);

  it("clear() refuses the queued sends (SIGNED_OUT), forgets them, and drops the answer to one already handed over", async () => {
    const deployment = await signedInDeployment();
    const namespace = storageNamespace(deployment.url);
    const key = outboxStorageKey(namespace, TEST_SITE_KEY, "clear-test");
    // The first request waits at a gate, as a mutation waits for a connection.
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const made: string[] = [];
    const request = async (req: SendRequest): Promise<SendResult> => {
      made.push(req.text);
      if (made.length === 1) await gate;
      return deployment.client.mutation(chatApi.sendMessage, { ...req, siteKey: TEST_SITE_KEY });
    };
    const outbox = outboxFor(deployment.client, deployment.storage, key, request);
    const outcomes: SendOutcome[] = [];
    outbox.subscribe((outcome) => outcomes.push(outcome));
    const first = outbox.send("Handed over before the sign-out", null).then(() => "sent", codeOf);
    const second = outbox.send("Queued behind it", null).then(() => "sent", codeOf);
    await waitFor(() => made.length === 1, "the first request");
    expect(JSON.parse(localStorage.getItem(key) ?? "[]")).to.have.length(2);

    clearOutboxes(deployment.client, deployment.storage, namespace);
    expect(await second).to.equal("SIGNED_OUT");
    expect(await first).to.equal("SIGNED_OUT");
    expect(localStorage.getItem(key)).to.equal(null);
    expect(outbox.pending.value).to.deep.equal([]);

    open();
    const later = await outbox.send("The next visitor's own message", null);
    expect(made).to.deep.equal(["Handed over before the sign-out", "The next visitor's own message"]);
    expect(outcomes.map((o) => o.send.text)).to.deep.equal(["The next visitor's own message"]);
    expect(later.conversationId).to.be.a("string");
  });

  it("forgets the stored sends of every site and key of the deployment, and nothing of other deployments", async () => {
    const deployment = await signedInDeployment();
    const namespace = storageNamespace(deployment.url);
    const entry = JSON.stringify([{ clientMessageId: newClientMessageId(), text: "Unsent", conversationId: null, createdAt: 1 }]);
    const mine = [outboxStorageKey(namespace, TEST_SITE_KEY, "a"), outboxStorageKey(namespace, "other-site", "b")];
    const elsewhere = outboxStorageKey(`${namespace}x`, TEST_SITE_KEY, "a");
    for (const key of [...mine, elsewhere]) localStorage.setItem(key, entry);

    clearOutboxes(deployment.client, deployment.storage, namespace);
    expect(mine.map((key) => localStorage.getItem(key))).to.deep.equal([null, null]);
    expect(localStorage.getItem(elsewhere)).to.equal(entry);
  });
});
