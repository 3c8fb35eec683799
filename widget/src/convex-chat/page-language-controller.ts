import type { ReactiveController, ReactiveControllerHost } from "lit";
import { FollowController } from "../controllers/follow-controller.js";

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

  constructor(
    private readonly host: ReactiveControllerHost & Node,
    needed: () => boolean,
  ) {
    host.addController(this);
    new FollowController(host, {
      input: () => (host.isConnected && needed() ? document.documentElement : undefined),
      start: (root) => {
        const observer = new MutationObserver(() => this.changed());
        observer.observe(root, { attributes: true, attributeFilter: ["lang", "dir"] });
        return () => observer.disconnect();
      },
    });
  }

  hostConnected(): void {
    // Connected (again, maybe elsewhere): the page or the new ancestors may say something else now.
    this.changed();
  }

  private changed(): void {
    this.version += 1;
    this.host.requestUpdate();
  }
}
