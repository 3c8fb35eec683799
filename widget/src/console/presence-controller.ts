// The operator's presence on the site shown: a heartbeat while the console is open (visitors see
// someone online), "away" while its tab is hidden, at once when that changes.
import type { ConvexClient } from "convex/browser";
import type { ReactiveControllerHost } from "lit";
import { FollowController } from "../controllers/follow-controller.js";
import { inboxApi } from "../core/operator-api.js";

/** The server counts an operator online for 60 s after a heartbeat. */
export const OPERATOR_HEARTBEAT_MS = 20_000;

/**
 * @example
 * new PresenceController(this, () => ({ client, siteKey }));
 */
export class PresenceController {
  constructor(host: ReactiveControllerHost, input: () => { client: ConvexClient | undefined; siteKey: string | undefined }) {
    new FollowController(host, {
      input: () => {
        const { client, siteKey } = input();
        return client && siteKey ? { client, siteKey } : undefined;
      },
      key: ({ client, siteKey }) => [client, siteKey],
      start: ({ client, siteKey }) => {
        const beat = (away = document.visibilityState === "hidden") =>
          void client.mutation(inboxApi.heartbeat, { siteKey, away }).catch(() => undefined);
        const onVisibility = () => beat();
        beat();
        const timer = setInterval(beat, OPERATOR_HEARTBEAT_MS);
        document.addEventListener("visibilitychange", onVisibility);
        return () => {
          clearInterval(timer);
          document.removeEventListener("visibilitychange", onVisibility);
          beat(true); // leaving this site (or the page): away at once, not in 60 s
        };
      },
    });
  }
}
