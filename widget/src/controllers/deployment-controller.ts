import type { ReactiveControllerHost } from "lit";
import { deriveSiteUrl, getDeployment, releaseDeployment, type Deployment } from "../core/deployment.js";
import { describeError } from "../core/errors.js";
import type { StorageMode } from "../core/storage.js";
import { parseHostIdentity } from "../core/host-identity.js";
import { FollowController } from "./follow-controller.js";

/** Which deployment a host wants, from its attributes. */
export interface DeploymentTarget {
  convexUrl: string;
  /** Origin of the http actions; derived from `convexUrl` when empty. */
  siteUrl: string;
  streamPath: string;
  /** The site new visitors sign in on (`site-key`). */
  siteKey?: string;
  /** The host's signed customer identity (`identity`): a JSON string or object; empty = anonymous. */
  identity?: unknown;
  /** Where the session is kept (`storage`: local, session or memory). */
  storage?: StorageMode;
  /** The identity is still being fetched (`identity-url`): open nothing until it is known. */
  identityPending?: boolean;
}

/**
 * Holds a reference on the shared {@link Deployment} its host's attributes name while the host is
 * connected, and starts its sign-in. Add it before the controllers that use the deployment, so
 * that they find it when the host connects or updates.
 *
 * @example
 * private connection = new DeploymentController(this, () => ({ convexUrl, siteUrl, streamPath }));
 * // this.connection.deployment?.client
 */
export class DeploymentController {
  /** The deployment, while connected and configured. */
  deployment: Deployment | undefined;
  /** The stream route's full URL. */
  streamUrl = "";
  /** Why the attributes do not name a usable deployment. */
  error: string | undefined;

  constructor(
    private readonly host: ReactiveControllerHost & { readonly isConnected: boolean },
    target: () => DeploymentTarget,
  ) {
    new FollowController(host, {
      input: () => (host.isConnected ? target() : undefined),
      key: (target) => JSON.stringify(target),
      start: (target) => this.attach(target),
      // Attach in the update, not on connection: a template's attribute bindings (e.g. `storage`)
      // may not be applied yet when the element connects, and a deployment opened with the
      // defaults would already sign in and write tokens where the page did not want them.
      fromUpdate: true,
    });
  }

  private attach(target: DeploymentTarget): () => void {
    // A signed identity is still being fetched (identity-url): sign nobody in until it is known.
    if (target.identityPending) return () => {};
    this.error = undefined;
    try {
      if (!target.convexUrl) throw new Error("Set the convex-url attribute.");
      if (!target.siteKey) throw new Error("Set the site-key attribute.");
      const siteUrl = (target.siteUrl || deriveSiteUrl(target.convexUrl)).replace(/\/+$/, "");
      const identity = parseHostIdentity(target.identity);
      this.deployment = getDeployment(target.convexUrl, { storageMode: target.storage });
      // The site key lets the route answer the browser's CORS preflight for this site's origins.
      this.streamUrl = `${siteUrl}${target.streamPath}?site=${encodeURIComponent(target.siteKey)}`;
      this.deployment.auth.start(target.siteKey, identity);
    } catch (error) {
      this.error = describeError(error).message;
    }
    this.host.requestUpdate();
    return () => this.detach();
  }

  // The last host to leave closes the deployment, a moment later (see releaseDeployment).
  private detach(): void {
    if (this.deployment) releaseDeployment(this.deployment);
    this.deployment = undefined;
  }
}
