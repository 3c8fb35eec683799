// chat:streamChunksAfter: a reply read by cursor. Only the text after what the reader has crosses
// the network; its concatenation is the reply; bad offsets are refused.
import { beforeEach, describe, expect, test } from "vitest";
import { api } from "../_generated/api";
import { newConvexTest, type ChatTest } from "./convexTest.helpers";
import { readChunks, streamRequest, waitFor } from "./stream.helpers";
import { signInVisitor, SITE_KEY, type Visitor } from "./visitors.helpers";

let t: ChatTest;
let visitor: Visitor;

beforeEach(async () => {
  t = await newConvexTest();
  visitor = await signInVisitor(t);
});

describe("chat:streamChunksAfter", () => {
  test("answers only the text after the offset; a reader following it ends with the whole reply", async () => {
    const sent = await visitor.as.mutation(api.chat.sendMessage, { siteKey: SITE_KEY, text: "reply with 2000 characters" });
    const streamId = sent.streamId!;
    expect(await visitor.as.query(api.chat.streamChunksAfter, { streamId, offset: 0 })).toEqual({ text: "", from: 0, status: "pending" });

    // A reader polling by cursor while the reply is written: each answer starts where it left off.
    const response = await visitor.as.fetch("/chat-stream", streamRequest(streamId));
    const driven = readChunks(response).then((chunks) => chunks.join(""));
    let have = "";
    let received = 0;
    let status = "pending";
    await waitFor(
      async () => {
        const tail = await visitor.as.query(api.chat.streamChunksAfter, { streamId, offset: have.length });
        expect(tail.from).toBe(have.length);
        received += tail.text.length;
        have += tail.text;
        status = tail.status;
        return status;
      },
      (s) => s === "done",
    );
    expect(have).toBe(await driven);
    expect(have).toHaveLength(2000);
    // Every character was sent once.
    expect(received).toBe(2000);

    // In the middle: the rest only. Past the end (a reader that counted more than the stored text): all, from 0.
    expect(await visitor.as.query(api.chat.streamChunksAfter, { streamId, offset: 1990 })).toEqual({
      text: have.slice(1990),
      from: 1990,
      status: "done",
    });
    expect(await visitor.as.query(api.chat.streamChunksAfter, { streamId, offset: 2000 })).toEqual({
      text: "",
      from: 2000,
      status: "done",
    });
    expect(await visitor.as.query(api.chat.streamChunksAfter, { streamId, offset: 5000 })).toEqual({ text: have, from: 0, status: "done" });
    await t.finishAllScheduledFunctions(() => undefined);
  });

  test.each([-1, 1.5, Number.NaN])("refuses offset %s with INVALID_ARGUMENT", async (offset) => {
    const sent = await visitor.as.mutation(api.chat.sendMessage, { siteKey: SITE_KEY, text: "hello" });
    await expect(visitor.as.query(api.chat.streamChunksAfter, { streamId: sent.streamId!, offset })).rejects.toMatchObject({
      data: { code: "INVALID_ARGUMENT", field: "offset" },
    });
  });
});
