// The top of the message log: scrolling up near it loads the next older page, a polite status says
// so while it loads, and what the visitor reads stays where it was when older messages are put
// above it (no jump).
import { html, type ReactiveController, type ReactiveControllerHost } from "lit";

/** What the controller reads from the conversation. */
export interface OlderMessagesSource {
  /** Older messages than the shown ones exist, and whether they are on their way. */
  older: { available: boolean; loading: boolean };
  loadOlder(): void;
}

/** Within this many pixels of the log's top, the next older page loads (a little ahead of the visitor). */
const AHEAD_PX = 200;

/**
 * @example
 * private older = new OlderMessagesController(this, this.conversation);
 * render() { return this.log.render({ ..., top: this.older.render(strings.loadingOlder) }); }
 */
export class OlderMessagesController implements ReactiveController {
  /** The log whose scrolling is followed. */
  private listening: HTMLElement | undefined;
  /** The first message before an update, and where it was on screen in the log: kept there after it. */
  private kept: { element: Element; y: number } | undefined;
  /** An older page was loading at the last update. */
  private wasLoading = false;
  /** Older messages were there to load at the last update. */
  private wasAvailable = false;

  constructor(
    private readonly host: ReactiveControllerHost & { renderRoot: ParentNode },
    private readonly source: OlderMessagesSource,
  ) {
    host.addController(this);
  }

  /** The top of the log: its state (`data-older`: more, none) and the status line. */
  render(loadingText: string) {
    const { available, loading } = this.source.older;
    return html`<div class="older" part="older" data-older=${available ? "more" : "none"}>
      <p class="older-status" part="older-status" role="status">${loading ? loadingText : ""}</p>
    </div>`;
  }

  // Only an update that starts or ends a load puts anything above the messages (the status line, an
  // older page): the others (a streamed reply, above all) read no layout here.
  hostUpdate(): void {
    this.kept = undefined;
    if (!this.source.older.loading && !this.wasLoading) return;
    const log = this.log();
    const first = log?.querySelector(".older + *");
    if (log && first) this.kept = { element: first, y: offsetInLog(log, first) };
  }

  hostUpdated(): void {
    const log = this.log();
    const { available, loading } = this.source.older;
    const pageArrived = this.wasLoading && !loading;
    const appeared = available && !this.wasAvailable;
    this.wasLoading = loading;
    this.wasAvailable = available;
    // Whatever went in above what the visitor reads pushed it down the screen: scroll by as much
    // (nothing when the browser's own scroll anchoring already did). Not at the bottom: the log
    // follows the newest message there.
    const kept = this.kept;
    this.kept = undefined;
    if (log && kept?.element.isConnected && !atBottom(log)) {
      const shift = offsetInLog(log, kept.element) - kept.y;
      if (shift !== 0) log.scrollTop += shift;
    }
    this.listen(log ?? undefined);
    // No scroll event to come: a log too short to scroll, or the visitor still at the top after a
    // page arrived: the next page. (After this update: loading re-renders.) A log that can scroll
    // is not "at the top" when older messages first appear: it has not been scrolled to its newest
    // message yet (the log follows after layout, LogController), and the visitor has not scrolled.
    if (log && ((pageArrived && nearTop(log)) || (appeared && !scrollable(log)))) queueMicrotask(() => this.load());
  }

  hostDisconnected(): void {
    this.listen(undefined);
  }

  private listen(log: HTMLElement | undefined): void {
    if (log === this.listening) return;
    this.listening?.removeEventListener("scroll", this.onScroll);
    this.listening = log;
    log?.addEventListener("scroll", this.onScroll, { passive: true });
  }

  private readonly onScroll = (event: Event): void => {
    if (nearTop(event.currentTarget as HTMLElement)) this.load();
  };

  private load(): void {
    const { available, loading } = this.source.older;
    if (available && !loading) this.source.loadOlder();
  }

  private log(): HTMLElement | null {
    return this.host.renderRoot.querySelector<HTMLElement>(".log");
  }
}

/** How far below the log's visible top `element` is. */
function offsetInLog(log: Element, element: Element): number {
  return element.getBoundingClientRect().top - log.getBoundingClientRect().top;
}

function atBottom(log: Element): boolean {
  return log.scrollHeight - log.scrollTop - log.clientHeight < 2;
}

/** Taller than it shows (read once, when older messages first appear). */
function scrollable(log: HTMLElement): boolean {
  return log.clientHeight > 0 && log.scrollHeight > log.clientHeight + 1;
}

/** Scrolled to within {@link AHEAD_PX} of the top (a hidden panel, with no geometry, is not). */
function nearTop(log: HTMLElement): boolean {
  return log.clientHeight > 0 && log.scrollTop <= AHEAD_PX;
}
