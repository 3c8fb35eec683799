import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { persistenceFromEnv, SentencePersistence, TimedPersistence, type TimedOptions } from "../lib/persistPolicy";
import { setEnv } from "./stream.helpers";

// Fake clock (Date.now and setTimeout): behaviour is asserted at exact virtual times, never durations.
beforeEach(() => void vi.useFakeTimers());
afterEach(() => void vi.useRealTimers());

/** A write whose calls are recorded and settled by the test. */
function controlledWrite() {
  const calls: { text: string; final: boolean; resolve(): void; reject(error: Error): void }[] = [];
  const write = (text: string, final: boolean) => new Promise<void>((resolve, reject) => void calls.push({ text, final, resolve, reject }));
  return { calls, write };
}

/** Lets settled writes' continuations run (microtasks) without moving the clock. */
const settle = () => vi.advanceTimersByTimeAsync(0);

function timed(write: ReturnType<typeof controlledWrite>["write"], options: Partial<TimedOptions> = {}) {
  return new TimedPersistence(write, { sizeChars: 400, maxAgeMs: 1000, minIntervalMs: 100, ...options });
}

describe("TimedPersistence", () => {
  test("flushes as soon as the buffer reaches the size threshold", () => {
    const { calls, write } = controlledWrite();
    const policy = timed(write, { sizeChars: 10 });
    policy.append("12345");
    expect(calls).toHaveLength(0);
    policy.append("678901");
    expect(calls.map((c) => [c.text, c.final])).toEqual([["12345678901", false]]);
  });

  test("flushes a code block with no sentence punctuation once its oldest text reaches the max age", async () => {
    const { calls, write } = controlledWrite();
    const policy = timed(write);
    policy.append("```ts\n");
    await vi.advanceTimersByTimeAsync(600);
    policy.append("const answer = 42\n"); // newer text does not push the deadline back
    await vi.advanceTimersByTimeAsync(399);
    expect(calls).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls.map((c) => c.text)).toEqual(["```ts\nconst answer = 42\n"]);
  });

  test("never writes more often than the minimum interval", async () => {
    const { calls, write } = controlledWrite();
    const policy = timed(write, { sizeChars: 1, minIntervalMs: 100 });
    policy.append("a");
    calls[0].resolve();
    await settle();
    policy.append("b");
    policy.append("c");
    await vi.advanceTimersByTimeAsync(99);
    expect(calls.map((c) => c.text)).toEqual(["a"]);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls.map((c) => c.text)).toEqual(["a", "bc"]);
  });

  test("keeps at most one write in flight, and generation never waits for it", async () => {
    const { calls, write } = controlledWrite();
    const policy = timed(write, { sizeChars: 5, minIntervalMs: 0 });
    policy.append("first");
    for (let i = 0; i < 100; i++) {
      expect(policy.append(` piece ${i}`)).toBeUndefined(); // returns at once: nothing to await
      await vi.advanceTimersByTimeAsync(50);
    }
    expect(calls).toHaveLength(1); // the first write is still pending; nothing else started
    calls[0].resolve();
    await settle();
    expect(calls).toHaveLength(2);
    expect(calls[1].text).toBe(Array.from({ length: 100 }, (_, i) => ` piece ${i}`).join(""));
  });

  test("a failed write keeps its text and is retried, with newer text, at the next flush", async () => {
    const { calls, write } = controlledWrite();
    const policy = timed(write, { sizeChars: 3, minIntervalMs: 100 });
    policy.append("abc");
    calls[0].reject(new Error("database unavailable"));
    await settle();
    expect(policy.unsaved).toBe("abc");
    policy.append("d");
    await vi.advanceTimersByTimeAsync(100);
    expect(calls.map((c) => c.text)).toEqual(["abc", "abcd"]);
    calls[1].resolve();
    await settle();
    expect(policy.unsaved).toBe("");
  });

  test("finish waits for the write in flight, then writes the rest as final; all text written once, in order", async () => {
    const { calls, write } = controlledWrite();
    const policy = timed(write, { sizeChars: 4 });
    policy.append("one ");
    policy.append("two");
    const finished = policy.finish();
    await settle();
    expect(calls).toHaveLength(1); // the final write waits for the one in flight
    calls[0].resolve();
    await settle();
    expect(calls.map((c) => [c.text, c.final])).toEqual([
      ["one ", false],
      ["two", true],
    ]);
    calls[1].resolve();
    await finished;
    expect(policy.unsaved).toBe("");
    expect(() => policy.append("late")).toThrow(/after finish/);
  });

  test("a failed final write rejects finish and leaves the text unsaved for the failure path", async () => {
    const { calls, write } = controlledWrite();
    const policy = timed(write);
    policy.append("tail without a flush");
    const finished = policy.finish();
    await settle();
    calls[0].reject(new Error("database unavailable"));
    await expect(finished).rejects.toThrow("database unavailable");
    expect(policy.unsaved).toBe("tail without a flush");
  });

  test("a fatal write error stops the policy: the next append and finish throw it", async () => {
    const { calls, write } = controlledWrite();
    const policy = timed(write, { sizeChars: 1, isFatal: (e) => (e as Error).message === "stream ended" });
    policy.append("x");
    calls[0].reject(new Error("stream ended"));
    await settle();
    expect(() => policy.append("y")).toThrow("stream ended");
    await expect(policy.finish()).rejects.toThrow("stream ended");
    expect(calls).toHaveLength(1);
  });
});

describe("SentencePersistence (the component's default)", () => {
  test("awaits a write whenever a piece contains . ! or ?, then writes the rest as final", async () => {
    const writes: [string, boolean][] = [];
    const policy = new SentencePersistence(async (text, final) => void writes.push([text, final]));
    for (const piece of ["```ts\n", "const x = 1\n", "Done. ", "More"]) await policy.append(piece);
    expect(writes).toEqual([["```ts\nconst x = 1\nDone. ", false]]);
    expect(policy.unsaved).toBe("More");
    await policy.finish();
    expect(writes.at(-1)).toEqual(["More", true]);
  });
});

describe("persistenceFromEnv", () => {
  test("is timed by default, sentence on request, and rejects anything else with a clear error", () => {
    const write = async () => {};
    const restore = setEnv({ PERSIST_POLICY: undefined });
    try {
      expect(persistenceFromEnv(write)).toBeInstanceOf(TimedPersistence);
      process.env.PERSIST_POLICY = "sentence";
      expect(persistenceFromEnv(write)).toBeInstanceOf(SentencePersistence);
      process.env.PERSIST_POLICY = "every-token";
      expect(() => persistenceFromEnv(write)).toThrow(/PERSIST_POLICY must be "timed" or "sentence"/);
    } finally {
      restore();
    }
  });
});
