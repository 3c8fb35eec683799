import { expect } from "@open-wc/testing";
import { ConvexError } from "convex/values";
import { freshVisitor, signedInDeployment, TEST_SITE_KEY, waitFor } from "../../test/test-helpers.js";
import { chatApi } from "./api.js";
import type { Deployment } from "./deployment.js";
import { MAX_PENDING, newClientMessageId, Outbox, outboxStorageKey, type PendingSend, type SendOutcome } from "./outbox.js";
import { storageNamespace } from "./storage.js";

function outboxOf(deployment: Deployment, conversationKey = "outbox-test") {
  const key = outboxStorageKey(storageNamespace(deployment.url), TEST_SITE_KEY, conversationKey);
  const outbox = new Outbox(deployment.storage, key, (request) =>
    deployment.client.mutation(chatApi.sendMessage, { ...request, siteKey: TEST_SITE_KEY }),
  );
  const outcomes: SendOutcome[] = [];
  outbox.subscribe((outcome) => outcomes.push(outcome));
  return { outbox, key, outcomes, stored: () => JSON.parse(localStorage.getItem(key) ?? "[]") as PendingSend[] };
}

const messagesOf = (deployment: Deployment, conversationId: string) => deployment.client.query(chatApi.listMessages, { conversationId });

describe("Outbox", () => {
  beforeEach(freshVisitor);

  it("gives every send a fresh client id of the form the server accepts", () => {
    const ids = Array.from({ length: 200 }, () => newClientMessageId());
    for (const id of ids) expect(id).to.match(/^[A-Za-z0-9_-]{1,64}$/);
    expect(new Set(ids).size).to.equal(ids.length);
  });

  it("keeps a send in storage until the server confirms it, then forgets it", async () => {
    const deployment = await signedInDeployment();
    const { outbox, key, stored } = outboxOf(deployment);
    const sent = outbox.send("Kept until confirmed", null);
    // Persisted before anything went out: a reload now would send it again.
    expect(stored()).to.have.length(1);
    expect(stored()[0]).to.include({ text: "Kept until confirmed", conversationId: null });
    expect(outbox.pending.value.map((s) => s.text)).to.deep.equal(["Kept until confirmed"]);

    const result = await sent;
    expect(localStorage.getItem(key)).to.equal(null);
    expect(outbox.pending.value).to.deep.equal([]);
    const messages = await messagesOf(deployment, result.conversationId);
    expect(messages.map((m) => [m.role, m._id])).to.deep.equal([
      ["user", result.userMessageId],
      ["assistant", result.assistantMessageId],
    ]);
  });

  it("sends again, with the same id, what a previous page left unconfirmed: one message, one reply", async () => {
    const deployment = await signedInDeployment();
    // The previous page's mutation reached the server; the page went away before the answer came.
    const clientMessageId = newClientMessageId();
    const first = await deployment.client.mutation(chatApi.sendMessage, { siteKey: TEST_SITE_KEY, text: "Only once", clientMessageId });
    localStorage.setItem(
      outboxOf(deployment).key,
      JSON.stringify([{ clientMessageId, text: "Only once", conversationId: null, createdAt: Date.now() }]),
    );
    const { outbox, outcomes, stored } = outboxOf(deployment);
    expect(outbox.pending.value.map((s) => s.clientMessageId)).to.deep.equal([clientMessageId]);

    outbox.resume();
    await waitFor(() => outcomes.length === 1, "the replay's outcome");
    expect(outcomes[0].kind).to.equal("sent");
    expect(outcomes[0].kind === "sent" && outcomes[0].result).to.deep.equal(first);
    expect(stored()).to.deep.equal([]);
    const messages = await messagesOf(deployment, first.conversationId);
    expect(messages.map((m) => m.role)).to.deep.equal(["user", "assistant"]);
  });

  it("does not send a previous page's sends before resume() (it would send them unauthenticated)", async () => {
    const deployment = await signedInDeployment();
    const { key } = outboxOf(deployment);
    localStorage.setItem(
      key,
      JSON.stringify([{ clientMessageId: newClientMessageId(), text: "Later", conversationId: null, createdAt: 1 }]),
    );
    const { outbox, outcomes } = outboxOf(deployment);
    const own = await outbox.send("Mine first", null);
    expect(outcomes.map((o) => o.send.text)).to.deep.equal(["Mine first"]);
    expect(outbox.pending.value.map((s) => s.text)).to.deep.equal(["Later"]);
    outbox.resume();
    await waitFor(() => outcomes.length === 2, "the stored send");
    // Sent to a new conversation, as the previous page asked.
    expect(outcomes[1].kind === "sent" && outcomes[1].result.conversationId).to.not.equal(own.conversationId);
  });

  it("forgets a send the server refuses and never sends it again", async () => {
    const deployment = await signedInDeployment();
    const { outbox, key, outcomes } = outboxOf(deployment);
    outbox.resume();
    const refusal = await outbox.send("   ", null).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(refusal).to.be.instanceOf(ConvexError);
    expect((refusal as ConvexError<{ code: string }>).data.code).to.equal("EMPTY_MESSAGE");
    expect(outcomes).to.have.length(1);
    expect(outcomes[0]).to.deep.include({ kind: "refused", error: { code: "EMPTY_MESSAGE", message: "The message is empty." } });
    expect(localStorage.getItem(key)).to.equal(null);

    const reloaded = outboxOf(deployment);
    reloaded.outbox.resume();
    await reloaded.outbox.send("A later message", null);
    expect(reloaded.outcomes.map((o) => o.send.text)).to.deep.equal(["A later message"]);
  });

  it("sends queued behind a new conversation go to that conversation, in order", async () => {
    const deployment = await signedInDeployment();
    const { outbox } = outboxOf(deployment);
    const [first, second, third] = await Promise.all([outbox.send("One", null), outbox.send("Two", null), outbox.send("Three", null)]);
    expect(second.conversationId).to.equal(first.conversationId);
    expect(third.conversationId).to.equal(first.conversationId);
    const messages = await messagesOf(deployment, first.conversationId);
    expect(messages.filter((m) => m.role === "user").map((m) => m.content)).to.deep.equal(["One", "Two", "Three"]);
  });

  it("refuses a send when too many are waiting, and never drops one that waits", async () => {
    const deployment = await signedInDeployment();
    const { key } = outboxOf(deployment);
    const waiting = Array.from({ length: MAX_PENDING }, (_, i) => ({
      clientMessageId: `waiting-${i}`,
      text: `Queued ${i}`,
      conversationId: null,
      createdAt: i,
    }));
    localStorage.setItem(key, JSON.stringify(waiting));
    const { outbox, outcomes, stored } = outboxOf(deployment);
    const refusal = await outbox.send("One too many", null).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect((refusal as ConvexError<{ code: string }>).data.code).to.equal("OUTBOX_FULL");
    expect(stored()).to.deep.equal(waiting);
    expect(outcomes).to.deep.equal([]);
  });

  it("ignores stored entries it cannot read instead of failing", async () => {
    const deployment = await signedInDeployment();
    const { key } = outboxOf(deployment);
    localStorage.setItem(key, "{not json");
    expect(outboxOf(deployment).outbox.pending.value).to.deep.equal([]);
    const good = { clientMessageId: "abc_DEF-123", text: "Fine", conversationId: null, createdAt: 1 };
    localStorage.setItem(
      key,
      JSON.stringify([{ clientMessageId: "bad id!", text: "x", conversationId: null, createdAt: 1 }, { text: 5 }, good]),
    );
    expect(outboxOf(deployment).outbox.pending.value).to.deep.equal([good]);
  });
});
