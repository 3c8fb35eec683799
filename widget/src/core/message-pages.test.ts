// core/message-pages.ts against the run's backend: a tab left open for many messages shows each
// once, in order, while the live tail moves on and its settled ranges are folded.
import { expect } from "@open-wc/testing";
import { executeServerCommand } from "@web/test-runner-commands";
import { chatApi, type ChatMessage } from "./api.js";
import { MessagePages } from "./message-pages.js";
import { freshVisitor, signedInDeployment, TEST_SITE_KEY, waitFor } from "../../test/test-helpers.js";

describe("MessagePages", () => {
  beforeEach(freshVisitor);

  it("keeps every message once and its subscriptions bounded in a tab open for 40 messages", async () => {
    const { client } = await signedInDeployment();
    // A person was asked for: the visitor's messages get no AI reply, each is settled at once.
    const { conversationId } = await client.mutation(chatApi.requestHuman, { siteKey: TEST_SITE_KEY });
    const pages = new MessagePages(client, conversationId, 5);
    let shown: ChatMessage[] | undefined;
    pages.state.subscribe((state) => (shown = state.messages));
    const most = { subscriptions: 0 };
    try {
      for (let n = 1; n <= 40; n++) {
        await client.mutation(chatApi.sendMessage, { siteKey: TEST_SITE_KEY, conversationId, text: `Message ${n}` });
        await waitFor(() => shown?.some((m) => m.content === `Message ${n}`), `message ${n}`);
        most.subscriptions = Math.max(most.subscriptions, pages.subscriptions);
      }
      const stored = await client.query(chatApi.listMessages, { conversationId });
      await waitFor(() => shown?.length === stored.length, "every message");
      expect(shown!.map((m) => m._id)).to.deep.equal(stored.map((m) => m._id));
      // 40 messages move the anchor ~20 times: without folding, one range each.
      expect(most.subscriptions).to.be.below(20);
    } finally {
      pages.dispose();
    }
  });

  it("loads older pages newest first up to the end, each message once", async () => {
    const { client } = await signedInDeployment();
    const { conversationId } = await client.mutation(chatApi.requestHuman, { siteKey: TEST_SITE_KEY });
    for (let n = 1; n <= 12; n++)
      await client.mutation(chatApi.sendMessage, { siteKey: TEST_SITE_KEY, conversationId, text: `Message ${n}` });
    const stored = await client.query(chatApi.listMessages, { conversationId });
    const pages = new MessagePages(client, conversationId, 5);
    try {
      await waitFor(() => pages.state.value.messages?.length === 5, "the newest page");
      expect(pages.state.value.messages!.map((m) => m._id)).to.deep.equal(stored.slice(-5).map((m) => m._id));
      expect(pages.state.value.hasOlder).to.equal(true);
      pages.loadOlder();
      expect(pages.state.value.loadingOlder).to.equal(true);
      await waitFor(() => pages.state.value.messages?.length === 10, "a second page");
      pages.loadOlder();
      await waitFor(() => pages.state.value.messages?.length === stored.length, "every page");
      await waitFor(() => !pages.state.value.hasOlder, "the end");
      expect(pages.state.value.messages!.map((m) => m._id)).to.deep.equal(stored.map((m) => m._id));
    } finally {
      pages.dispose();
    }
  });

  it("pages back while the newest page still has a reply going, and closes it once the reply ends", async () => {
    const { client } = await signedInDeployment();
    const first = await client.mutation(chatApi.sendMessage, { siteKey: TEST_SITE_KEY, text: "Question 0" });
    const { conversationId } = first;
    // Ended before the seeded exchanges: a message sent while a reply is going would wait for it.
    await client.mutation(chatApi.stopReply, { streamId: first.streamId! });
    await executeServerCommand("seed-exchanges", { conversationId, exchanges: 6 });
    // Nobody drives this reply: it stays pending, so the newest page stays the live one.
    const going = await client.mutation(chatApi.sendMessage, { siteKey: TEST_SITE_KEY, conversationId, text: "Still going?" });
    const pages = new MessagePages(client, conversationId, 5);
    try {
      await waitFor(() => pages.state.value.messages?.length === 5, "the newest page");
      pages.loadOlder();
      await waitFor(() => pages.state.value.messages?.length === 10, "an older page before the reply ended");
      expect(pages.state.value.messages!.at(-1)).to.include({ _id: going.assistantMessageId, status: "pending" });
      await client.mutation(chatApi.stopReply, { streamId: going.streamId! });
      const stored = await client.query(chatApi.listMessages, { conversationId });
      // Everything loaded: each message once, in order, the ended reply included.
      while (pages.state.value.hasOlder || pages.state.value.loadingOlder) {
        pages.loadOlder();
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await waitFor(() => pages.state.value.messages?.at(-1)?.status === "stopped", "the stopped reply");
      expect(pages.state.value.messages!.map((m) => m._id)).to.deep.equal(stored.map((m) => m._id));
      // Closed: a new message lands in a new tail, and nothing shows twice.
      await client.mutation(chatApi.sendMessage, { siteKey: TEST_SITE_KEY, conversationId, text: "And now?" });
      await waitFor(() => pages.state.value.messages?.length === stored.length + 2, "the new exchange");
      expect(new Set(pages.state.value.messages!.map((m) => m._id)).size).to.equal(stored.length + 2);
    } finally {
      pages.dispose();
    }
  });
});
