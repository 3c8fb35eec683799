import type { ReactiveController, ReactiveControllerHost } from "lit";
import type { ConsoleDeployment } from "../core/console-deployment.js";
import { describeError } from "../core/errors.js";
import { fetchSignedJson } from "../core/identity-url.js";

/** A console whose operator comes from its `identity-url`. */
export interface OperatorIdentityHost extends ReactiveControllerHost, HTMLElement {
  identityUrl: string;
}

/**
 * Signs the console in with the operator identity its host's server signs (e.g. the WordPress
 * plugin's inbox page): fetched with the page's cookies and `no-store`, once per deployment and
 * URL. No answer (401…) or a refused signature leaves the console signed out, saying why.
 */
export class OperatorIdentityController implements ReactiveController {
  private signedInWith: string | undefined;

  constructor(
    private readonly host: OperatorIdentityHost,
    private readonly deployment: () => ConsoleDeployment | undefined,
  ) {
    host.addController(this);
  }

  hostUpdated(): void {
    const deployment = this.deployment();
    const url = this.host.identityUrl;
    if (!deployment || !url) return void (this.signedInWith = undefined);
    const key = `${url} ${deployment.url}`;
    if (key === this.signedInWith) return;
    this.signedInWith = key;
    void this.signIn(deployment, url);
  }

  hostDisconnected(): void {
    this.signedInWith = undefined;
  }

  private async signIn(deployment: ConsoleDeployment, url: string): Promise<void> {
    try {
      const params = await fetchSignedJson(url);
      if (params === null || typeof params !== "object") throw new Error("You are not signed in to the site's inbox.");
      await deployment.session.signInWithIdentity(params as Record<string, unknown>);
    } catch (error) {
      deployment.session.state.set({ status: "signed-out", failure: "FAILED", message: describeError(error).message });
    }
  }
}
