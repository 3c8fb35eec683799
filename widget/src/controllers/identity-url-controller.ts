import type { ReactiveController, ReactiveControllerHost } from "lit";
import { ConvexChatErrorEvent } from "../events/convex-chat-error.js";
import type { HostIdentity } from "../core/host-identity.js";
import { IdentityWatch } from "../core/identity-url.js";
import { describeError } from "../core/errors.js";

/** An element whose `identity` comes from its `identity-url`. */
export interface IdentityUrlHost extends ReactiveControllerHost, HTMLElement {
  identityUrl: string;
  identity: string | HostIdentity;
}

/**
 * Sets the host's `identity` from each answer of its `identity-url` (core/identity-url.ts) and
 * says whether the first answer is still awaited: the session must not sign in as an anonymous
 * visitor in the meantime, only to switch a moment later. Add it before the session controller.
 * A failed fetch fires `convex-chat-error` (source `auth`) and leaves the identity as it was.
 */
export class IdentityUrlController implements ReactiveController {
  /** The first answer of the current URL is awaited. */
  pending = false;
  private watch: IdentityWatch | undefined;
  private watching: string | undefined;

  constructor(private readonly host: IdentityUrlHost) {
    host.addController(this);
  }

  hostUpdate(): void {
    const url = this.host.isConnected ? this.host.identityUrl : "";
    if (url === (this.watching ?? "")) return;
    this.stop();
    if (!url) return;
    this.watching = url;
    this.pending = true;
    this.watch = new IdentityWatch(url, {
      onChange: (identity) => this.settle(identity ?? ""),
      onError: (error) => {
        this.settle(this.host.identity);
        this.host.dispatchEvent(new ConvexChatErrorEvent("auth", describeError(error).message));
      },
    });
    this.watch.start();
  }

  hostDisconnected(): void {
    this.stop();
  }

  private settle(identity: string | HostIdentity): void {
    this.pending = false;
    this.host.identity = identity;
    this.host.requestUpdate();
  }

  private stop(): void {
    this.watch?.stop();
    this.watch = undefined;
    this.watching = undefined;
    this.pending = false;
  }
}
