import { afterEach, beforeEach, expect, test, vi } from "vitest";
import { StopWatch } from "../lib/replyStop";

// Fake clock: how often the stop check runs is asserted at exact virtual times.
beforeEach(() => void vi.useFakeTimers());
afterEach(() => void vi.useRealTimers());

/** A check whose answers the test settles. */
function controlledCheck() {
  const calls: ((stop: boolean) => void)[] = [];
  const check = () => new Promise<boolean>((resolve) => void calls.push(resolve));
  return { calls, check };
}

test("polls on chunks at most once per interval, one check in flight", async () => {
  const { calls, check } = controlledCheck();
  const watch = new StopWatch(check, 200);
  watch.poll();
  watch.poll(); // in flight: no second check
  expect(calls).toHaveLength(1);
  calls[0](false);
  await vi.advanceTimersByTimeAsync(0);
  watch.poll(); // settled, but the interval has not passed
  expect(calls).toHaveLength(1);
  await vi.advanceTimersByTimeAsync(199);
  watch.poll();
  expect(calls).toHaveLength(1);
  await vi.advanceTimersByTimeAsync(1);
  watch.poll();
  expect(calls).toHaveLength(2);
  expect(watch.requested).toBe(false);
});

test("a check answering stop aborts the signal, and no check runs after", async () => {
  const { calls, check } = controlledCheck();
  const watch = new StopWatch(check, 200);
  const aborted = vi.fn();
  watch.signal.addEventListener("abort", aborted);
  watch.poll();
  calls[0](true);
  await watch.settled();
  expect(watch.requested).toBe(true);
  expect(aborted).toHaveBeenCalledTimes(1);
  await vi.advanceTimersByTimeAsync(1000);
  watch.poll();
  expect(calls).toHaveLength(1);
});

test("a write's answer stops it without any check; a failed check is not a stop", async () => {
  const watch = new StopWatch(() => Promise.reject(new Error("backend busy")), 200);
  const quiet = vi.spyOn(console, "error").mockImplementation(() => {});
  watch.poll();
  await watch.settled();
  expect(watch.requested).toBe(false);
  expect(quiet).toHaveBeenCalled();
  quiet.mockRestore();
  watch.learn(false);
  expect(watch.requested).toBe(false);
  watch.learn(true);
  expect(watch.requested).toBe(true);
  expect(watch.signal.reason).toBeInstanceOf(Error);
});
