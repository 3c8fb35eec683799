// The visitor's session for an element: the shared deployment its attributes name, the sign-in
// state, and the events that tell the page the chat became ready or could not sign in.
import type { ReactiveController, ReactiveControllerHost } from "lit";
import { DeploymentController } from "../controllers/deployment-controller.js";
import { StoreController } from "../controllers/store-controller.js";
import type { AuthState, SessionNotice } from "../core/auth-session.js";
import type { Deployment } from "../core/deployment.js";
import { parseStorageMode } from "../core/storage.js";
import { ConvexChatErrorEvent } from "../events/convex-chat-error.js";
import { ConvexChatReadyEvent } from "../events/convex-chat-ready.js";

/** The element's attributes that name the deployment and the session. */
export interface SessionHost extends ReactiveControllerHost, HTMLElement {
  convexUrl: string;
  siteUrl: string;
  streamPath: string;
  siteKey: string;
  identity: unknown;
  storage: string;
}

/** What the other controllers read of the session. */
export interface Session {
  readonly deployment: Deployment | undefined;
  /** Why the attributes do not name a usable deployment. */
  readonly error: string | undefined;
  /** The stream route's full URL. */
  readonly streamUrl: string;
  readonly auth: AuthState | undefined;
  readonly signedIn: boolean;
}

/**
 * Add it before the controllers that use the deployment: they find it when the host updates.
 * Fires `convex-chat-ready` on signing in and `convex-chat-error` (source `auth`) on failing to.
 *
 * @example
 * private session = new SessionController(this);
 * // this.session.deployment?.client, this.session.signedIn
 */
export class SessionController implements ReactiveController, Session {
  private readonly connection: DeploymentController;
  private readonly authState: StoreController<AuthState>;
  private readonly sessionNotice: StoreController<SessionNotice | undefined>;
  private lastAuthStatus: string | undefined;

  /** `identityPending`: the host's identity is being fetched (`identity-url`): sign in as nobody yet. */
  constructor(
    private readonly host: SessionHost,
    identityPending: () => boolean = () => false,
  ) {
    this.connection = new DeploymentController(host, () => ({
      identityPending: identityPending(),
      convexUrl: host.convexUrl,
      siteUrl: host.siteUrl,
      streamPath: host.streamPath,
      siteKey: host.siteKey,
      identity: host.identity,
      storage: parseStorageMode(host.storage),
    }));
    this.authState = new StoreController(host, () => this.connection.deployment?.auth.state);
    this.sessionNotice = new StoreController(host, () => this.connection.deployment?.auth.notice);
    host.addController(this);
  }

  get deployment(): Deployment | undefined {
    return this.connection.deployment;
  }

  get error(): string | undefined {
    return this.connection.error;
  }

  get streamUrl(): string {
    return this.connection.streamUrl;
  }

  /** The sign-in state (undefined without a deployment). */
  get auth(): AuthState | undefined {
    return this.authState.value;
  }

  /** What to tell the visitor once after a refused session was replaced. */
  get notice(): SessionNotice | undefined {
    return this.sessionNotice.value;
  }

  /** The visitor read the notice, or moved on (sent a message). */
  dismissNotice(): void {
    this.deployment?.auth.dismissNotice();
  }

  get signedIn(): boolean {
    return this.auth?.status === "signed-in";
  }

  hostUpdated(): void {
    const auth = this.auth;
    if (auth?.status === this.lastAuthStatus) return;
    this.lastAuthStatus = auth?.status;
    if (auth?.status === "signed-in") this.host.dispatchEvent(new ConvexChatReadyEvent());
    if (auth?.status === "error") this.host.dispatchEvent(new ConvexChatErrorEvent("auth", auth.message));
  }
}
