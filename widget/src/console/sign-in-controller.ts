// The sign-in form: sign in with email and password, or (with an invitation code) create the
// account and redeem the code; and redeeming a code later, for an operator without a site.
import type { ReactiveControllerHost } from "lit";
import type { ConsoleDeployment } from "../core/console-deployment.js";
import { describeError } from "../core/errors.js";
import { invitationsApi } from "../core/operator-api.js";

export type SignInMode = "sign-in" | "sign-up";

/** Why redeeming a code failed: the server's code (INVITATION_INVALID…) and message. */
export interface RedeemFailure {
  code?: string;
  message: string;
}

/**
 * @example
 * private signIn = new SignInController(this, () => this.session.deployment);
 * // this.signIn.submit({ email, password, code })
 */
export class SignInController {
  mode: SignInMode = "sign-in";
  redeeming = false;
  redeemFailure: RedeemFailure | undefined;
  /** The site a code just joined (said once on the inbox). */
  joined: string | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly deployment: () => ConsoleDeployment | undefined,
  ) {}

  setMode(mode: SignInMode): void {
    this.mode = mode;
    this.redeemFailure = undefined;
    this.host.requestUpdate();
  }

  /** Signs in, or signs up and then redeems `code` (sign-up mode). */
  async submit(form: { email: string; password: string; name?: string; code?: string }): Promise<void> {
    const deployment = this.deployment();
    if (!deployment) return;
    this.redeemFailure = undefined;
    const signUp = this.mode === "sign-up";
    await deployment.session.signIn({ email: form.email, password: form.password, flow: signUp ? "signUp" : "signIn", name: form.name });
    if (signUp && form.code && deployment.session.state.value.status === "signed-in") await this.redeem(form.code);
  }

  /** Redeems an invitation code for the signed-in operator. */
  async redeem(code: string): Promise<boolean> {
    const deployment = this.deployment();
    if (!deployment) return false;
    this.redeeming = true;
    this.redeemFailure = undefined;
    this.host.requestUpdate();
    try {
      const { siteKey } = await deployment.client.mutation(invitationsApi.redeem, { code: code.trim() });
      this.joined = siteKey;
      this.mode = "sign-in";
      return true;
    } catch (error) {
      const { code: failure, message } = describeError(error);
      this.redeemFailure = { code: failure, message };
      return false;
    } finally {
      this.redeeming = false;
      this.host.requestUpdate();
    }
  }
}
