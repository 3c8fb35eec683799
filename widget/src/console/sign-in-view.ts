// The sign-in form and its sign-up variant (with an invitation code), and the redeem form an
// operator without a site sees. Fields are read from the form on submit (no per-key state).
import { html, nothing } from "lit";
import type { OperatorAuthState } from "../core/operator-session.js";
import type { ConsoleStrings } from "../core/strings/console/index.js";
import type { RedeemFailure, SignInMode } from "./sign-in-controller.js";

export interface SignInViewInput {
  strings: ConsoleStrings;
  mode: SignInMode;
  auth: OperatorAuthState | undefined;
  redeemFailure: RedeemFailure | undefined;
  onSubmit: (form: { email: string; password: string; name?: string; code?: string }) => void;
  onMode: (mode: SignInMode) => void;
}

/** The reason a sign-in or a redeem failed, in the console's language. */
export function failureText(t: ConsoleStrings, auth: OperatorAuthState | undefined, redeem: RedeemFailure | undefined): string | undefined {
  if (redeem) return redeem.code === "INVITATION_INVALID" ? t.invitationInvalid : t.failed(redeem.message);
  if (auth?.status !== "signed-out" || !auth.failure) return undefined;
  switch (auth.failure) {
    case "INVALID_CREDENTIALS":
      return t.invalidCredentials;
    case "ACCOUNT_EXISTS":
      return t.accountExists;
    case "WEAK_PASSWORD":
      return t.weakPassword;
    case "INVALID_EMAIL":
      return t.invalidEmail;
    default:
      return t.failed(auth.message ?? "");
  }
}

function read(event: SubmitEvent): Record<string, string> {
  event.preventDefault();
  const form = event.target as HTMLFormElement;
  return Object.fromEntries([...new FormData(form)].map(([key, value]) => [key, String(value)]));
}

export function renderSignIn({ strings: t, mode, auth, redeemFailure, onSubmit, onMode }: SignInViewInput) {
  const signUp = mode === "sign-up";
  const busy = auth?.status === "signing-in" || auth?.status === "restoring";
  const error = failureText(t, auth, redeemFailure);
  const describedBy = error ? "sign-in-error" : nothing;
  const submit = (event: SubmitEvent) => {
    const values = read(event);
    onSubmit({
      email: values.email ?? "",
      password: values.password ?? "",
      name: values.name || undefined,
      code: values.code || undefined,
    });
  };
  return html`<div class="sign-in" part="sign-in">
    <form class="card" part="sign-in-form" @submit=${submit} aria-labelledby="sign-in-heading">
      <h1 id="sign-in-heading">${signUp ? t.signUpHeading : t.signInHeading}</h1>
      <label for="email">${t.email}</label>
      <input id="email" name="email" type="email" part="input" autocomplete="username" required aria-describedby=${describedBy}
        aria-invalid=${error ? "true" : "false"} />
      <label for="password">${t.password}</label>
      <input id="password" name="password" type="password" part="input" required aria-describedby=${describedBy}
        autocomplete=${signUp ? "new-password" : "current-password"} aria-invalid=${error ? "true" : "false"} />
      ${
        signUp
          ? html`<label for="name">${t.displayName}</label>
            <input id="name" name="name" part="input" autocomplete="name" />
            <label for="code">${t.invitationCode}</label>
            <input id="code" name="code" part="input" required autocomplete="off" spellcheck="false" />`
          : nothing
      }
      ${error ? html`<p id="sign-in-error" class="form-error" part="form-error" role="alert">${error}</p>` : nothing}
      <button class="primary" part="submit-button" type="submit" ?disabled=${busy}>
        ${busy ? t.signingIn : signUp ? t.signUp : t.signIn}</button>
      <button class="link" part="mode-button" type="button" @click=${() => onMode(signUp ? "sign-in" : "sign-up")}>
        ${signUp ? t.backToSignIn : t.haveInvitation}</button>
    </form>
  </div>`;
}

/** For a signed-in operator with no site: a code to join one. */
export function renderRedeem(t: ConsoleStrings, busy: boolean, failure: RedeemFailure | undefined, onRedeem: (code: string) => void) {
  const error = failureText(t, undefined, failure);
  return html`<form class="card redeem" part="redeem-form" aria-labelledby="redeem-heading"
    @submit=${(event: SubmitEvent) => onRedeem(read(event).code ?? "")}>
    <p id="redeem-heading">${t.noSites}</p>
    <label for="redeem-code">${t.invitationCode}</label>
    <input id="redeem-code" name="code" part="input" required autocomplete="off" spellcheck="false"
      aria-describedby=${error ? "redeem-error" : nothing} aria-invalid=${error ? "true" : "false"} />
    ${error ? html`<p id="redeem-error" class="form-error" part="form-error" role="alert">${error}</p>` : nothing}
    <button class="primary" part="submit-button" type="submit" ?disabled=${busy}>${t.redeem}</button>
  </form>`;
}
