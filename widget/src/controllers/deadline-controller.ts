import type { ReactiveController, ReactiveControllerHost } from "lit";

/**
 * Updates its host when a time it shows lapses: a typing indicator's `until`, presence that runs
 * out. A live query does not run again because time passed, so without this a mark whose update
 * never comes would stay on for ever. The deadlines are re-read after every update.
 *
 * @example
 * private clock = new DeadlineController(this, () => [state?.operatorTypingUntil]);
 */
export class DeadlineController implements ReactiveController {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private at: number | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly deadlines: () => ReadonlyArray<number | undefined>,
  ) {
    host.addController(this);
  }

  hostUpdated(): void {
    const now = Date.now();
    const next = this.deadlines()
      .filter((t): t is number => t !== undefined && t > now)
      .sort((a, b) => a - b)[0];
    if (next === this.at) return;
    clearTimeout(this.timer);
    this.at = next;
    if (next === undefined) return;
    // A few ms after the deadline: the view compares with the clock, which must have passed it.
    this.timer = setTimeout(
      () => {
        this.at = undefined;
        this.host.requestUpdate();
      },
      next - now + 25,
    );
  }

  hostDisconnected(): void {
    clearTimeout(this.timer);
    this.at = undefined;
  }
}
