// The operator's sites (`inbox:mySites`, live: a redeemed invitation adds one at once) and which one
// the console shows: the one chosen, else the `site-key` attribute's when the operator has it,
// else the first.
import type { ConvexClient } from "convex/browser";
import type { ReactiveController, ReactiveControllerHost } from "lit";
import { QueryController } from "../controllers/query-controller.js";
import { inboxApi, type OperatorSite } from "../core/operator-api.js";
import { ConvexChatSiteChangeEvent } from "../events/convex-chat-site-change.js";

/**
 * @example
 * private sites = new SitesController(this, () => ({ client: this.session.client, preferred: this.siteKey }));
 * // this.sites.current?.role === "owner"
 */
export class SitesController implements ReactiveController {
  private readonly query: QueryController<typeof inboxApi.mySites>;
  private chosen: string | undefined;
  private announced: string | undefined;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly input: () => { client: ConvexClient | undefined; preferred: string },
  ) {
    host.addController(this);
    this.query = new QueryController(host, () => {
      const { client } = this.input();
      return client ? { client, query: inboxApi.mySites, args: {} } : undefined;
    });
  }

  /** The operator's sites; undefined while loading. */
  get sites(): OperatorSite[] | undefined {
    return this.query.value;
  }

  get error() {
    return this.query.error;
  }

  /** The site shown. */
  get current(): OperatorSite | undefined {
    const sites = this.sites ?? [];
    const find = (key: string | undefined) => (key ? sites.find((site) => site.siteKey === key) : undefined);
    return find(this.chosen) ?? find(this.input().preferred) ?? sites[0];
  }

  /** Shows the site `siteKey` (one of {@link sites}). */
  choose(siteKey: string): void {
    this.chosen = siteKey;
    this.host.requestUpdate();
  }

  /** Forgets the choice (sign-out: the next operator starts from the attribute). */
  reset(): void {
    this.chosen = undefined;
    this.announced = undefined;
  }

  hostUpdated(): void {
    const key = this.current?.siteKey;
    if (key === this.announced) return;
    this.announced = key;
    if (key) this.host.dispatchEvent(new ConvexChatSiteChangeEvent(key));
  }
}
