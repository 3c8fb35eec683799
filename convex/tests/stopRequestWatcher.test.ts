import { afterEach, beforeEach, expect, test, vi } from "vitest";
import { StopRequestWatcher } from "../lib/stopRequestWatcher";

// Fake clock: when the stop check runs is asserted at exact virtual times. Only this watcher's own
// doings are counted (its checks, its logged error), not the clock's timers or every console.error:
// test files share their worker (vitest.config.ts), and a reply another file left generating has
// stop checks of its own, whose timers the fake clock takes over too. "No check runs after" over
// 5 s of a 250 ms interval also says no timer of the watcher is left.
beforeEach(() => void vi.useFakeTimers());
afterEach(() => void vi.useRealTimers());

/** A check whose answers the test settles. */
function controlledCheck() {
  const calls: ((stop: boolean) => void)[] = [];
  const check = () => new Promise<boolean>((resolve) => void calls.push(resolve));
  return { calls, check };
}

test("checks on a timer with no chunk at all, one check in flight, the next timed from its end", async () => {
  const { calls, check } = controlledCheck();
  const watch = new StopRequestWatcher(check, 250);
  watch.start();
  await vi.advanceTimersByTimeAsync(249);
  expect(calls).toHaveLength(0);
  await vi.advanceTimersByTimeAsync(1);
  expect(calls).toHaveLength(1);
  // A slow check: no second one starts while it is open, however long it takes.
  await vi.advanceTimersByTimeAsync(2000);
  expect(calls).toHaveLength(1);
  calls[0](false);
  await vi.advanceTimersByTimeAsync(249);
  expect(calls).toHaveLength(1);
  await vi.advanceTimersByTimeAsync(1);
  expect(calls).toHaveLength(2);
  expect(watch.requested).toBe(false);
  calls[1](false);
  await watch.settled();
});

test("a check answering stop aborts the signal, and no check runs after", async () => {
  const { calls, check } = controlledCheck();
  const watch = new StopRequestWatcher(check, 250);
  const aborted = vi.fn();
  watch.signal.addEventListener("abort", aborted);
  watch.start();
  await vi.advanceTimersByTimeAsync(250);
  calls[0](true);
  await vi.advanceTimersByTimeAsync(0);
  expect(watch.requested).toBe(true);
  expect(aborted).toHaveBeenCalledTimes(1);
  await vi.advanceTimersByTimeAsync(5000);
  expect(calls).toHaveLength(1);
});

test("end() stops the checks; settled() waits for the one in flight", async () => {
  const { calls, check } = controlledCheck();
  const watch = new StopRequestWatcher(check, 250);
  watch.start();
  await vi.advanceTimersByTimeAsync(250);
  expect(calls).toHaveLength(1);
  let settled = false;
  const done = watch.settled().then(() => (settled = true));
  await vi.advanceTimersByTimeAsync(0);
  expect(settled).toBe(false);
  calls[0](false);
  await done;
  await vi.advanceTimersByTimeAsync(5000);
  expect(calls).toHaveLength(1); // the finished check scheduled no other
});

test("a write's answer counts as a check: 'no' postpones the next one, 'yes' stops without any", async () => {
  const { calls, check } = controlledCheck();
  const watch = new StopRequestWatcher(check, 250);
  watch.start();
  await vi.advanceTimersByTimeAsync(200);
  watch.learn(false);
  await vi.advanceTimersByTimeAsync(200);
  expect(calls).toHaveLength(0);
  await vi.advanceTimersByTimeAsync(50);
  expect(calls).toHaveLength(1);
  calls[0](false);
  await vi.advanceTimersByTimeAsync(100);
  watch.learn(true);
  expect(watch.requested).toBe(true);
  expect(watch.signal.reason).toBeInstanceOf(Error);
  await vi.advanceTimersByTimeAsync(5000);
  expect(calls).toHaveLength(1);
});

test("a failed check is logged, is not a stop, and the checks go on", async () => {
  let checks = 0;
  const watch = new StopRequestWatcher(() => (++checks === 1 ? Promise.reject(new Error("backend busy")) : Promise.resolve(true)), 250);
  const quiet = vi.spyOn(console, "error").mockImplementation(() => {});
  watch.start();
  await vi.advanceTimersByTimeAsync(250);
  expect(checks).toBe(1);
  expect(watch.requested).toBe(false);
  expect(quiet.mock.calls.filter(([, error]) => (error as Error | undefined)?.message === "backend busy")).toHaveLength(1);
  quiet.mockRestore();
  await vi.advanceTimersByTimeAsync(250);
  expect(checks).toBe(2);
  expect(watch.requested).toBe(true);
});
