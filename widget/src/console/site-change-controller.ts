// What the owners' pages (knowledge, team) share: one change to the site at a time, `busy` while it
// runs, `error` when it failed, the host re-rendered at both ends.
import type { ConvexClient } from "convex/browser";
import type { ReactiveController, ReactiveControllerHost } from "lit";
import { describeError } from "../core/errors.js";

/** The page's deployment client and site, and whether the operator owns it. */
export type SitePageInput = () => { client: ConvexClient | undefined; siteKey: string | undefined; owner: boolean };

export abstract class SiteChangeController implements ReactiveController {
  /** Why the last change failed. */
  error: string | undefined;
  busy = false;

  constructor(
    protected readonly host: ReactiveControllerHost,
    protected readonly input: SitePageInput,
  ) {
    host.addController(this);
  }

  /** Resets what the page shows when the operator switches sites. */
  abstract hostUpdate(): void;

  /** Clears what the last change said, before the next one (and when the site changes). */
  protected abstract forgetLastChange(): void;

  /** Runs `change` on the page's site; true when it succeeded, false (and `error`) when it failed. */
  protected async run(change: (client: ConvexClient, siteKey: string) => Promise<unknown>): Promise<boolean> {
    const { client, siteKey } = this.input();
    if (!client || !siteKey) return false;
    this.busy = true;
    this.error = undefined;
    this.forgetLastChange();
    this.host.requestUpdate();
    try {
      await change(client, siteKey);
      return true;
    } catch (error) {
      this.error = describeError(error).message;
      return false;
    } finally {
      this.busy = false;
      this.host.requestUpdate();
    }
  }
}
