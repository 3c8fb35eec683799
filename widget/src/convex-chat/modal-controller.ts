// On a narrow screen the open floating panel covers the whole page, so it is a modal dialog there:
// aria-modal, and Tab cycles inside it (nothing else on the page is visible to move to). On wider
// screens the panel sits beside the page and stays non-modal.
import type { ReactiveControllerHost } from "lit";
import { FollowController } from "../controllers/follow-controller.js";

/** Where the panel goes full screen (convex-chat.layout.styles.ts uses the same width). */
export const NARROW_SCREEN = "(max-width: 639.98px)";

const FOCUSABLE = "a[href], button, input, select, textarea, [tabindex]";

/** The elements under `root` that Tab visits, in order (a slot's assigned elements included). */
export function tabbableIn(root: Element): HTMLElement[] {
  const found: HTMLElement[] = [];
  const visit = (element: Element) => {
    if (element instanceof HTMLElement && element.matches(FOCUSABLE) && isTabbable(element)) found.push(element);
    const children =
      element instanceof HTMLSlotElement && element.assignedElements().length > 0
        ? element.assignedElements({ flatten: true })
        : [...element.children];
    for (const child of children) visit(child);
  };
  visit(root);
  return found;
}

function isTabbable(element: HTMLElement): boolean {
  if (element.tabIndex < 0 || (element as HTMLButtonElement).disabled) return false;
  if (element.closest("[inert], [hidden]")) return false;
  return element.checkVisibility({ visibilityProperty: true });
}

/**
 * Tells whether the panel is modal now (`active()` — floating and open — on a narrow screen) and
 * keeps Tab inside it then. Listens to the screen width only while active.
 *
 * @example
 * private modal = new ModalController(host, () => this.floating && host.isOpen, () => panel);
 * // <section aria-modal=${this.modal.value ? "true" : nothing} @keydown=${this.modal.onKeydown}>
 */
export class ModalController {
  private readonly query: FollowController<MediaQueryList>;

  constructor(
    host: ReactiveControllerHost,
    private readonly active: () => boolean,
    private readonly panel: () => HTMLElement | null | undefined,
  ) {
    const onChange = () => host.requestUpdate();
    this.query = new FollowController(host, {
      input: () => (active() ? matchMedia(NARROW_SCREEN) : undefined),
      // A new MediaQueryList on every read: one is kept while active, whatever the read returns.
      key: () => true,
      start: (query) => {
        query.addEventListener("change", onChange);
        return () => query.removeEventListener("change", onChange);
      },
    });
  }

  /** Whether the panel is a modal dialog now. */
  get value(): boolean {
    return this.active() && !!(this.query.current ?? matchMedia(NARROW_SCREEN)).matches;
  }

  /** Tab from the last control goes to the first, Shift+Tab from the first to the last. */
  readonly onKeydown = (event: KeyboardEvent): void => {
    const panel = this.panel();
    if (event.key !== "Tab" || !panel || !this.value) return;
    const stops = tabbableIn(panel);
    if (stops.length === 0) return;
    const first = stops[0];
    const last = stops[stops.length - 1];
    const current = deepActiveElement();
    const inside = current !== null && (stops.includes(current as HTMLElement) || panel.contains(current));
    if (event.shiftKey && (current === first || !inside)) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && (current === last || !inside)) {
      event.preventDefault();
      first.focus();
    }
  };
}

/** The focused element, looking through shadow roots. */
function deepActiveElement(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}
