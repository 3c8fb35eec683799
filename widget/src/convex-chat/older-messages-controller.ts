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
  /** The first message before an update, and where it was on screen: kept there after it. */
  private kept: { element: Element; top: number } | undefined;

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
    const first = this.log()?.querySelector(".older + *");
    this.kept = first ? { element: first, top: first.getBoundingClientRect().top } : undefined;
  }

  hostUpdated(): void {
    const log = this.log();
    // Older messages were put above: scroll by as much as they pushed what the visitor was reading.
    const kept = this.kept;
    this.kept = undefined;
    if (log && kept?.element.isConnected && log.querySelector(".older + *") !== kept.element) {
      log.scrollTop += kept.element.getBoundingClientRect().top - kept.top;
    }
    this.observe(log);
    // Still at the top after a page arrived (a short log, or the visitor stays there): the next one.
    if (log && this.sentinelInView(log)) this.load();
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
