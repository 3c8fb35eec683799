// The top of the message log: a sentinel that loads the next older page when the visitor scrolls
// up to it, a polite status while it loads, and the scroll position kept where it was when the
// older messages are put above what the visitor reads (no jump).
import { html, nothing, type ReactiveController, type ReactiveControllerHost } from "lit";

/** What the controller reads from the conversation. */
export interface OlderMessagesSource {
  /** Older messages than the shown ones exist, and whether they are on their way. */
  older: { available: boolean; loading: boolean };
  loadOlder(): void;
}

/** How far above the visible top the sentinel starts loading (a little ahead of the visitor). */
const AHEAD_PX = 200;

/**
 * @example
 * private older = new OlderMessagesController(this, this.conversation);
 * render() { return this.log.render({ ..., top: this.older.render(strings.loadingOlder) }); }
 */
export class OlderMessagesController implements ReactiveController {
  private observer: IntersectionObserver | undefined;
  private observed: Element | undefined;
  /** The first message before an update, and where it was in the log's content: kept in view after it. */
  private kept: { element: Element; y: number } | undefined;

  constructor(
    private readonly host: ReactiveControllerHost & { renderRoot: ParentNode },
    private readonly source: OlderMessagesSource,
  ) {
    host.addController(this);
  }

  /** The sentinel and the status, first in the log. */
  render(loadingText: string) {
    const { available, loading } = this.source.older;
    return html`<div class="older" part="older">
      ${available ? html`<div class="older-sentinel" aria-hidden="true"></div>` : nothing}
      <p class="older-status" part="older-status" role="status">${loading ? loadingText : ""}</p>
    </div>`;
  }

  hostUpdate(): void {
    const log = this.log();
    const first = log?.querySelector(".older + *");
    this.kept = log && first ? { element: first, y: contentY(log, first) } : undefined;
  }

  hostUpdated(): void {
    const log = this.log();
    // Whatever went in above what the visitor reads (older messages, the status line) pushed it:
    // scroll by as much. Not at the bottom: the log follows the newest message there.
    const kept = this.kept;
    this.kept = undefined;
    if (log && kept?.element.isConnected && !atBottom(log)) {
      const shift = contentY(log, kept.element) - kept.y;
      if (shift !== 0) log.scrollTop += shift;
    }
    this.observe(log);
    // Still at the top after a page arrived (a short log, or the visitor stays there): the next one.
    // (After this update: loading re-renders, which must not happen inside it.)
    if (log && this.sentinelInView(log)) queueMicrotask(() => this.load());
  }

  hostDisconnected(): void {
    this.observer?.disconnect();
    this.observer = undefined;
    this.observed = undefined;
  }

  private observe(log: Element | null): void {
    const sentinel = this.sentinel() ?? undefined;
    if (sentinel === this.observed && this.observer?.root === log) return;
    this.observer?.disconnect();
    this.observed = sentinel;
    if (!log || !sentinel) return;
    this.observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) this.load();
      },
      { root: log, rootMargin: `${AHEAD_PX}px 0px 0px 0px` },
    );
    this.observer.observe(sentinel);
  }

  private sentinelInView(log: Element): boolean {
    const sentinel = this.sentinel();
    // A hidden panel (a closed launcher's) has no geometry: nothing is in view there.
    if (!sentinel || log.clientHeight === 0) return false;
    return sentinel.getBoundingClientRect().bottom >= log.getBoundingClientRect().top - AHEAD_PX;
  }

  private load(): void {
    const { available, loading } = this.source.older;
    if (available && !loading) this.source.loadOlder();
  }

  private log(): HTMLElement | null {
    return this.host.renderRoot.querySelector<HTMLElement>(".log");
  }

  private sentinel(): Element | null {
    return this.host.renderRoot.querySelector(".older-sentinel");
  }
}

/** Where `element` is in the log's scrolled content (not moved by scrolling). */
function contentY(log: Element, element: Element): number {
  return element.getBoundingClientRect().top - log.getBoundingClientRect().top + log.scrollTop;
}

function atBottom(log: Element): boolean {
  return log.scrollHeight - log.scrollTop - log.clientHeight < 2;
}
