// A count of the parser's steps (characters and items its loops visit), so that tests can hold its
// work linear in the input's length on hostile input without timing anything. One addition a step.

let steps = 0;

/** Adds `n` steps; called by the parser's loops. */
export function countWork(n = 1): void {
  steps += n;
}

/** The steps `run` took. */
export function measureWork(run: () => void): number {
  const before = steps;
  run();
  return steps - before;
}
