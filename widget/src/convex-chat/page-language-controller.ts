import type { ReactiveController, ReactiveControllerHost } from "lit";

/**
 * Watches the page's `lang` and `dir` (attributes of `<html>`) while `needed()` holds — the element
 * takes its language or direction from the page — so a page that switches language later is
 * followed without reconnecting the element. `version` changes with every such change.
 *
 * @example
 * private page = new PageLanguageController(host, () => !host.lang || !host.dir);
 * // re-read the language when this.page.version changed
 */
export class PageLanguageController implements ReactiveController {
  /** Counts the changes seen: compare it to know whether the page's language may have changed. */
  version = 0;
  private observer: MutationObserver | undefined;

  constructor(
    private readonly host: ReactiveControllerHost & Node,
    private readonly needed: () => boolean,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    // Connected (again, maybe elsewhere): the page or the new ancestors may say something else now.
    this.version += 1;
    this.host.requestUpdate();
    this.follow();
  }

  hostUpdated(): void {
    this.follow();
  }

  hostDisconnected(): void {
    this.observer?.disconnect();
    this.observer = undefined;
  }

  private follow(): void {
    const observe = this.host.isConnected && this.needed();
    if (observe === !!this.observer) return;
    if (!observe) return this.hostDisconnected();
    this.observer = new MutationObserver(() => {
      this.version += 1;
      this.host.requestUpdate();
    });
    this.observer.observe(document.documentElement, { attributes: true, attributeFilter: ["lang", "dir"] });
  }
}
