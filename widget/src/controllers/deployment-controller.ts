import type { ReactiveController, ReactiveControllerHost } from "lit";
import { deriveSiteUrl, getDeployment, releaseDeployment, type Deployment } from "../core/deployment.js";
import { describeError } from "../core/errors.js";

/** Which deployment a host wants, from its attributes. */
export interface DeploymentTarget {
  convexUrl: string;
  /** Origin of the http actions; derived from `convexUrl` when empty. */
  siteUrl: string;
  streamPath: string;
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
export class DeploymentController implements ReactiveController {
  /** The deployment, while connected and configured. */
  deployment: Deployment | undefined;
  /** The stream route's full URL. */
  streamUrl = "";
  /** Why the attributes do not name a usable deployment. */
  error: string | undefined;
  private attachedTo: string | undefined;

  constructor(
    private readonly host: ReactiveControllerHost & { readonly isConnected: boolean },
    private readonly target: () => DeploymentTarget,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.attach();
  }

  hostUpdate(): void {
    this.attach();
  }

  hostDisconnected(): void {
    this.detach();
  }

  private attach(): void {
    const target = this.target();
    const key = JSON.stringify(target);
    if (!this.host.isConnected || key === this.attachedTo) return;
    this.detach();
    this.attachedTo = key;
    this.error = undefined;
    try {
      if (!target.convexUrl) throw new Error("Set the convex-url attribute.");
      const siteUrl = (target.siteUrl || deriveSiteUrl(target.convexUrl)).replace(/\/+$/, "");
      this.deployment = getDeployment(target.convexUrl);
      this.streamUrl = `${siteUrl}${target.streamPath}`;
      this.deployment.auth.start();
    } catch (error) {
      this.error = describeError(error).message;
    }
    this.host.requestUpdate();
  }

  // The last host to leave closes the deployment, a moment later (see releaseDeployment).
  private detach(): void {
    if (this.deployment) releaseDeployment(this.deployment);
    this.deployment = undefined;
    this.attachedTo = undefined;
  }
}
