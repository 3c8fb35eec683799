// The console's connection: the shared console deployment its attributes name (one client and one
// operator session per deployment URL and storage mode) and the session's state.
import type { ReactiveController, ReactiveControllerHost } from "lit";
import { StoreController } from "../controllers/store-controller.js";
import { getConsoleDeployment, releaseConsoleDeployment, type ConsoleDeployment } from "../core/console-deployment.js";
import { describeError } from "../core/errors.js";
import type { OperatorAuthState } from "../core/operator-session.js";
import { parseStorageMode } from "../core/storage.js";

/** The console's attributes that name the deployment. */
export interface ConsoleSessionHost extends ReactiveControllerHost, HTMLElement {
  convexUrl: string;
  storage: string;
  /** Set: the session comes from the host's signed operator identity, never from storage. */
  identityUrl?: string;
}

/**
 * Holds a reference on the deployment while the host is connected, resumes a stored session and
 * re-renders the host on every change of the session's state.
 *
 * @example
 * private session = new ConsoleSessionController(this);
 * // this.session.client, this.session.signedIn, this.session.deployment?.session.signIn(...)
 */
export class ConsoleSessionController implements ReactiveController {
  /** The deployment, while connected and configured. */
  deployment: ConsoleDeployment | undefined;
  /** Why the attributes do not name a usable deployment. */
  error: string | undefined;
  private attachedTo: string | undefined;
  private readonly authState: StoreController<OperatorAuthState>;

  constructor(private readonly host: ConsoleSessionHost) {
    host.addController(this);
    this.authState = new StoreController(host, () => this.deployment?.session.state);
  }

  /** The session's state (undefined without a deployment). */
  get auth(): OperatorAuthState | undefined {
    return this.authState.value;
  }

  get signedIn(): boolean {
    return this.auth?.status === "signed-in";
  }

  /** The client, once signed in (queries before that would run unauthenticated). */
  get client() {
    return this.signedIn ? this.deployment?.client : undefined;
  }

  // Attached in the update, not on connection: attribute bindings may not be applied yet then.
  hostConnected(): void {
    this.host.requestUpdate();
  }

  hostUpdate(): void {
    const key = JSON.stringify([this.host.convexUrl, this.host.storage]);
    if (!this.host.isConnected || key === this.attachedTo) return;
    this.detach();
    this.attachedTo = key;
    this.error = undefined;
    try {
      if (!this.host.convexUrl) throw new Error("Set the convex-url attribute.");
      this.deployment = getConsoleDeployment(this.host.convexUrl, { storageMode: parseStorageMode(this.host.storage) });
      if (!this.host.identityUrl) this.deployment.session.restore();
    } catch (error) {
      this.error = describeError(error).message;
    }
  }

  hostDisconnected(): void {
    this.detach();
  }

  private detach(): void {
    if (this.deployment) releaseConsoleDeployment(this.deployment);
    this.deployment = undefined;
    this.attachedTo = undefined;
  }
}
