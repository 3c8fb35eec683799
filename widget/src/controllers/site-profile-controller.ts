import type { ConvexClient } from "convex/browser";
import type { ReactiveControllerHost } from "lit";
import { chatApi, type SiteProfile } from "../core/api.js";
import { QueryController } from "./query-controller.js";

/**
 * What the site's owners set for visitors (`chat:siteProfile`: name, greeting…), live: a greeting
 * changed in the console shows in an empty conversation without a reload.
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

  /** The site's greeting, when its owners set one. */
  get greeting(): string | undefined {
    return this.query.value?.greeting || undefined;
  }
}
