// What tells an operator that someone needs them: conversations waiting for a person and visitor
// messages in conversations they hold (two live lists, core/attention.ts), shown as the tab
// title's count, and, when the operator turned them on, a beep and a browser notification.
import type { ConvexClient } from "convex/browser";
import type { ReactiveController, ReactiveControllerHost } from "lit";
import { QueryController } from "../controllers/query-controller.js";
import { Attention, countedTitle, type AttentionEvent } from "../core/attention.js";
import { inboxApi, type InboxFilter } from "../core/operator-api.js";
import type { ConsoleStrings } from "../core/strings/console/index.js";
import { beep } from "./beep.js";

/** Rows of each list watched (a count above this reads as this). */
const WATCHED = 50;
const SOUND_KEY = "convex-chat-console:sound";

export interface NotificationsInput {
  client: ConvexClient | undefined;
  siteKey: string | undefined;
  /** Whether the page's title carries the count. */
  titleCount: boolean;
  strings: ConsoleStrings;
  /** Opens a conversation (a notification clicked). */
  open: (conversationId: string) => void;
}

function readSound(): boolean {
  try {
    return localStorage.getItem(SOUND_KEY) === "on";
  } catch {
    return false;
  }
}

/**
 * @example
 * private notifications = new NotificationsController(this, () => ({ client, siteKey, titleCount, strings, open }));
 * // this.notifications.count, .sound, .toggleSound(), .toggleNotifications()
 */
export class NotificationsController implements ReactiveController {
  /** Beep on a new waiting conversation or message (off until the operator turns it on). */
  sound = readSound();
  /** Browser notifications wanted (they also need the browser's permission). */
  notifying = false;
  /** The browser refused notifications. */
  blocked = false;
  private readonly attention = new Attention();
  private readonly lists: Record<"waiting" | "mine", QueryController<typeof inboxApi.listConversations>>;
  /** The title as the page set it, and the one this controller last wrote. */
  private titled: string | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly input: () => NotificationsInput,
  ) {
    host.addController(this);
    const list = (filter: InboxFilter) =>
      new QueryController(host, () => {
        const { client, siteKey } = this.input();
        return client && siteKey
          ? { client, query: inboxApi.listConversations, args: { siteKey, filter, paginationOpts: { numItems: WATCHED, cursor: null } } }
          : undefined;
      });
    this.lists = { waiting: list("waiting"), mine: list("mine") };
  }

  /** Unread conversations waiting for a person or held by the operator. */
  get count(): number {
    return this.attention.count;
  }

  toggleSound(): void {
    this.sound = !this.sound;
    try {
      localStorage.setItem(SOUND_KEY, this.sound ? "on" : "off");
    } catch {
      // Not kept: still on for this page.
    }
    this.host.requestUpdate();
  }

  /** Turns browser notifications on (asking the browser's permission: call from a click) or off. */
  async toggleNotifications(): Promise<void> {
    if (this.notifying) {
      this.notifying = false;
      return this.host.requestUpdate();
    }
    if (typeof Notification === "undefined") return;
    const permission = Notification.permission === "default" ? await Notification.requestPermission() : Notification.permission;
    this.notifying = permission === "granted";
    this.blocked = permission === "denied";
    this.host.requestUpdate();
  }

  hostUpdate(): void {
    const { client, siteKey } = this.input();
    const events =
      client && siteKey ? this.attention.observe({ waiting: this.lists.waiting.value?.page, mine: this.lists.mine.value?.page }) : [];
    for (const event of events) this.announce(event);
  }

  hostUpdated(): void {
    this.writeTitle(this.input().titleCount ? this.count : 0);
  }

  hostDisconnected(): void {
    this.writeTitle(0);
  }

  private writeTitle(count: number): void {
    // Only a title this controller wrote is restored: the page may change its own meanwhile.
    if (count === 0 && this.titled === undefined) return;
    const title = countedTitle(document.title, count);
    if (title !== document.title) document.title = title;
    this.titled = count === 0 ? undefined : title;
  }

  private announce(event: AttentionEvent): void {
    if (this.sound) beep();
    if (!this.notifying || typeof Notification === "undefined" || Notification.permission !== "granted") return;
    if (document.visibilityState === "visible" && document.hasFocus()) return; // the operator sees the list
    const { strings, open } = this.input();
    const title = event.kind === "waiting" ? strings.notifyWaiting(event.visitorLabel) : strings.notifyMessage(event.visitorLabel);
    const notification = new Notification(title, { tag: event.conversationId });
    notification.onclick = () => {
      window.focus();
      open(event.conversationId);
      notification.close();
    };
  }
}
