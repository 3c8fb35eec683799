import type { ConvexClient } from "convex/browser";
import type { ReactiveControllerHost } from "lit";
import { chatApi, type SiteProfile } from "../core/api.js";
import { QueryController } from "./query-controller.js";

/** A `#rgb` or `#rrggbb` color (what the server accepts; anything else is ignored here too). */
const HEX_COLOR = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;

/**
 * What the site's owners set for visitors (`chat:siteProfile`: name, greeting, assistant name,
 * accent color, suggested questions), live: a change in the console shows without a reload. It
 * needs no sign-in (the site key is public), so a disabled site is known before any sign-in.
 *
 * @example
 * private profile = new SiteProfileController(this, () => ({ client, siteKey }));
 * // this.profile.greeting ?? builtInGreeting
 */
export class SiteProfileController {
  private readonly query: QueryController<typeof chatApi.siteProfile>;

  constructor(host: ReactiveControllerHost, target: () => { client: ConvexClient | undefined; siteKey: string }) {
    this.query = new QueryController(host, () => {
      const { client, siteKey } = target();
      return client && siteKey ? { client, query: chatApi.siteProfile, args: { siteKey } } : undefined;
    });
  }

  /** The profile (null for an unknown or disabled site; undefined while loading). */
  get value(): SiteProfile | null | undefined {
    return this.query.value;
  }

  /** Whether the server said the site is unknown or turned off (not merely: not loaded yet). */
  get disabled(): boolean {
    return this.query.value === null;
  }

  /** The site's greeting, when its owners set one. */
  get greeting(): string | undefined {
    return this.query.value?.greeting || undefined;
  }

  /** The site's name (the chat's default title). */
  get name(): string | undefined {
    return this.query.value?.name.trim() || undefined;
  }

  /** What the site calls its AI assistant (e.g. "Ada"). */
  get assistantName(): string | undefined {
    return this.query.value?.assistantName?.trim() || undefined;
  }

  /** The site's accent color, when it is a valid hex color. */
  get accentColor(): string | undefined {
    const color = this.query.value?.accentColor;
    return color && HEX_COLOR.test(color) ? color : undefined;
  }

  /** The questions to offer in an empty conversation. */
  get suggestedQuestions(): string[] {
    return (this.query.value?.suggestedQuestions ?? []).filter((q) => q.trim()).slice(0, 4);
  }
}
