import type { ReactiveController, ReactiveControllerHost } from "lit";

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
export class ViewportController implements ReactiveController {
  private listening: VisualViewport | undefined;
  private current: VisibleViewport | undefined;
  private readonly onChange = () => {
    const viewport = this.listening;
    if (!viewport) return;
    const next = { height: Math.round(viewport.height), offsetTop: Math.round(viewport.offsetTop) };
    if (next.height === this.current?.height && next.offsetTop === this.current.offsetTop) return;
    this.current = next;
    this.host.requestUpdate();
  };

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly active: () => boolean,
  ) {
    host.addController(this);
  }

  /** The visible viewport while active (undefined otherwise, or without visualViewport support). */
  get value(): VisibleViewport | undefined {
    return this.listening ? this.current : undefined;
  }

  hostUpdate(): void {
    const viewport = this.active() ? window.visualViewport ?? undefined : undefined;
    if (viewport === this.listening) return;
    this.stop();
    if (!viewport) return;
    this.listening = viewport;
    viewport.addEventListener("resize", this.onChange);
    viewport.addEventListener("scroll", this.onChange);
    this.onChange();
  }

  hostDisconnected(): void {
    this.stop();
  }

  private stop(): void {
    this.listening?.removeEventListener("resize", this.onChange);
    this.listening?.removeEventListener("scroll", this.onChange);
    this.listening = undefined;
    this.current = undefined;
  }
}
