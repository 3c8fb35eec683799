import type { ReactiveControllerHost } from "lit";
import { FollowController } from "./follow-controller.js";

/** The part of the layout viewport the visitor can see (it shrinks when the on-screen keyboard opens). */
export interface VisibleViewport {
  height: number;
  offsetTop: number;
}

/**
 * Follows `window.visualViewport` while `active()` holds, so a full-screen panel on a phone can keep
 * its composer above the on-screen keyboard. Listens only while active: the host page pays nothing
 * while the panel is closed.
 *
 * @example
 * private viewport = new ViewportController(this, () => this.open);
 * render() { const v = this.viewport.value; ... v && `${v.height}px` }
 */
export class ViewportController {
  private current: VisibleViewport | undefined;
  private readonly onChange = () => {
    const viewport = this.followed.current;
    if (!viewport) return;
    const next = { height: Math.round(viewport.height), offsetTop: Math.round(viewport.offsetTop) };
    if (next.height === this.current?.height && next.offsetTop === this.current.offsetTop) return;
    this.current = next;
    this.host.requestUpdate();
  };

  private readonly followed: FollowController<VisualViewport>;

  constructor(
    private readonly host: ReactiveControllerHost,
    active: () => boolean,
  ) {
    this.followed = new FollowController(host, {
      input: () => (active() ? (window.visualViewport ?? undefined) : undefined),
      start: (viewport) => {
        viewport.addEventListener("resize", this.onChange);
        viewport.addEventListener("scroll", this.onChange);
        this.onChange();
        return () => {
          viewport.removeEventListener("resize", this.onChange);
          viewport.removeEventListener("scroll", this.onChange);
          this.current = undefined;
        };
      },
    });
  }

  /** The visible viewport while active (undefined otherwise, or without visualViewport support). */
  get value(): VisibleViewport | undefined {
    return this.followed.current ? this.current : undefined;
  }
}
