// Keeps an operator at the newest messages: a conversation opens scrolled to its end, and new
// messages or a growing reply keep it there while the operator was at the end. Scrolled up (reading
// earlier messages, or after "Load earlier"), it stays where it is.
import type { ReactiveController, ReactiveControllerHost } from "lit";

/** How close to the end (px) still counts as "at the end". */
const AT_END = 48;

/**
 * @example
 * private scroll = new TranscriptScrollController(this, () => this.inbox.selectedId);
 */
export class TranscriptScrollController implements ReactiveController {
  private atEnd = true;
  private scrolledFor: string | undefined;

  constructor(
    private readonly host: ReactiveControllerHost & { renderRoot: ParentNode },
    private readonly conversationId: () => string | undefined,
  ) {
    host.addController(this);
  }

  private get transcript(): HTMLElement | null {
    return this.host.renderRoot.querySelector<HTMLElement>(".transcript");
  }

  hostUpdate(): void {
    const element = this.transcript;
    this.atEnd = !element || element.scrollHeight - element.scrollTop - element.clientHeight <= AT_END;
  }

  hostUpdated(): void {
    const element = this.transcript;
    const id = this.conversationId();
    // The transcript exists once the conversation has loaded: scroll then, once per opening.
    if (!element || !id || element.childElementCount === 0) return;
    if (id !== this.scrolledFor || this.atEnd) element.scrollTop = element.scrollHeight;
    this.scrolledFor = id;
  }
}
