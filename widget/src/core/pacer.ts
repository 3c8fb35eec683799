// Runs a callback at most once per interval however often it is asked for: at once when the last
// run is that long ago, otherwise once, when the interval has passed. What a streamed reply paints
// goes through one, so a fast stream costs a frame per interval, not one per token.

export class Pacer {
  private lastRun = -Infinity;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly intervalMs: number,
    private readonly run: () => void,
  ) {}

  /** Runs now if the interval has passed since the last run, else once when it has. */
  request(): void {
    if (this.timer !== undefined) return;
    const wait = this.lastRun + this.intervalMs - performance.now();
    if (wait <= 0) this.runNow();
    else this.timer = setTimeout(() => this.runNow(), wait);
  }

  /** Runs now, and drops a run that was waiting (it would show nothing newer). */
  runNow(): void {
    this.cancel();
    this.lastRun = performance.now();
    this.run();
  }

  /** Drops a run that was waiting. */
  cancel(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
