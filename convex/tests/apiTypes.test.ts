import type { StreamBody } from "@convex-dev/persistent-text-streaming";
import type { useStream } from "@convex-dev/persistent-text-streaming/react";
import { getFunctionName, type FunctionArgs, type FunctionReturnType } from "convex/server";
import { expect, expectTypeOf, test } from "vitest";
import { api } from "../_generated/api";
import type { Id } from "../_generated/dataModel";

// Checked by `tsc -p .` (these lines stop compiling on drift) and run by vitest.

test("chat:getStreamBody fits the component's React useStream hook unchanged", () => {
  // The exact FunctionReference type useStream's first parameter expects.
  const getPersistentBody: Parameters<typeof useStream>[0] = api.chat.getStreamBody;
  // Assignability alone lets extra required args through; the hook sends exactly { streamId }.
  expectTypeOf<FunctionArgs<typeof api.chat.getStreamBody>>().toEqualTypeOf<{ streamId: string }>();
  // The hook's shape exactly, plus one optional flag it ignores (a reply cut at its token limit).
  type Body = FunctionReturnType<typeof api.chat.getStreamBody>;
  expectTypeOf<Omit<Body, "cutAtLimit">>().toEqualTypeOf<StreamBody>();
  expectTypeOf<Body["cutAtLimit"]>().toEqualTypeOf<boolean | undefined>();
  expect(getFunctionName(getPersistentBody)).toBe("chat:getStreamBody");
});

test("sendMessage returns a typed conversation id although clients' ids are taken as strings", () => {
  type Sent = FunctionReturnType<typeof api.chat.sendMessage>;
  expectTypeOf<Sent["conversationId"]>().toEqualTypeOf<Id<"conversations">>();
  // Null when a person answers (no AI reply is prepared).
  expectTypeOf<Sent["assistantMessageId"]>().toEqualTypeOf<Id<"messages"> | null>();
  // Any string is accepted as an argument (a stale one gets NOT_FOUND, not a validator error).
  expectTypeOf<{ siteKey: string; conversationId: string; text: string }>().toExtend<(typeof api.chat.sendMessage)["_args"]>();
  expect(getFunctionName(api.chat.sendMessage)).toBe("chat:sendMessage");
});
