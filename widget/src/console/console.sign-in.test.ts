import { expect, fixture, html } from "@open-wc/testing";
import { testBackend, TEST_SITE_KEY, waitFor } from "../../test/test-helpers.js";
import { storageNamespace } from "../core/storage.js";
import "../define.js";
import type { ConvexChat } from "../convex-chat/convex-chat.js";
import {
  consoleElement,
  DEMO_OWNER,
  freshConsole,
  has,
  part,
  signUpOperator,
  SITE_A,
  submitSignIn,
  uniqueEmail,
} from "../../test/console-test-helpers.js";

const errorText = (el: Element & { shadowRoot: ShadowRoot | null }) =>
  el.shadowRoot!.querySelector("[part=form-error]")?.textContent?.trim();

describe("<convex-chat-console> sign-in", () => {
  beforeEach(freshConsole);

  it("refuses a wrong password next to the fields, then signs the seeded owner in and out", async () => {
    const element = await consoleElement();
    await waitFor(() => has(element, "[part=sign-in-form]"), "the sign-in form");
    await expect(element, "sign-in form").to.be.accessible();

    await submitSignIn(element, { email: DEMO_OWNER.email, password: "not-the-password" });
    await waitFor(() => errorText(element), "the refusal", 30_000);
    expect(errorText(element)).to.equal("Wrong email or password.");
    expect(part(element, "[part=form-error]").getAttribute("role")).to.equal("alert");
    expect(part(element, "#password").getAttribute("aria-invalid")).to.equal("true");
    expect(part(element, "#password").getAttribute("aria-describedby")).to.equal("sign-in-error");
    await expect(element, "refused").to.be.accessible();

    let signedIn = 0;
    element.addEventListener("convex-chat-sign-in", () => (signedIn += 1));
    await submitSignIn(element, DEMO_OWNER);
    await waitFor(() => has(element, "[part=header]"), "the signed-in console", 30_000);
    expect(signedIn).to.equal(1);
    await waitFor(() => has(element, "[part=site-name]") && part(element, "[part=site-name]").textContent, "the site's name");
    expect(part(element, "[part=role]").textContent).to.equal("Owner");

    let signedOut = 0;
    element.addEventListener("convex-chat-sign-out", () => (signedOut += 1));
    part<HTMLButtonElement>(element, "[part=sign-out-button]").click();
    await waitFor(() => has(element, "[part=sign-in-form]"), "the form again");
    expect(signedOut).to.equal(1);
    expect(errorText(element)).to.equal(undefined);
  });

  it("says why a sign-up is refused: a short password, an unknown invitation code", async () => {
    const element = await consoleElement({ lang: "fr" });
    await waitFor(() => has(element, "[part=mode-button]"), "the form");
    part<HTMLButtonElement>(element, "[part=mode-button]").click();
    await element.updateComplete;
    expect(part(element, "#sign-in-heading").textContent).to.equal("Rejoindre votre équipe");

    await submitSignIn(element, { email: uniqueEmail(), password: "short", code: "whatever" });
    await waitFor(() => errorText(element), "the refusal", 30_000);
    expect(errorText(element)).to.equal("Choisissez un mot de passe d’au moins 8 caractères.");

    // A good password and a code nobody issued: the account exists, the code is refused, the
    // operator stays on the code form to try another one.
    await submitSignIn(element, { email: uniqueEmail(), password: "long enough password", code: "not-a-real-code" });
    await waitFor(() => has(element, "[part=redeem-form]") && errorText(element), "the refused code", 30_000);
    expect(errorText(element)).to.equal("Ce code d’invitation n’est pas valide\u202f: inconnu, expiré ou déjà utilisé.");
    expect(part(element, "#redeem-code").getAttribute("aria-invalid")).to.equal("true");
    await expect(element, "refused code").to.be.accessible();
  });

  it("a new operator signs up with an invitation and lands in the inbox of that site", async () => {
    const element = await consoleElement();
    await waitFor(() => has(element, "[part=mode-button]"), "the form");
    await signUpOperator(element, SITE_A, "agent");
    await waitFor(() => part(element, "[part=site-name]").textContent === "Console A", "site A");
    expect(part(element, "[part=role]").textContent).to.equal("Agent");
    // Agents do not see the owners' pages.
    expect([...element.shadowRoot!.querySelectorAll("[part=nav-button]")].map((b) => b.textContent?.trim())).to.deep.equal(["Inbox"]);
  });

  it("keeps the operator's session apart from a visitor's chat on the same page", async () => {
    const { url } = await testBackend();
    const chat = await fixture<ConvexChat>(html`<convex-chat convex-url=${url} site-key=${TEST_SITE_KEY}></convex-chat>`);
    const element = (await fixture<HTMLElement>(
      html`<convex-chat-console convex-url=${url}></convex-chat-console>`,
    )) as never as Parameters<typeof submitSignIn>[0];
    await waitFor(() => has(element, "[part=sign-in-form]"), "the form");
    await submitSignIn(element, DEMO_OWNER);
    await waitFor(() => has(element, "[part=header]"), "the console signed in", 30_000);
    await waitFor(
      () => chat.shadowRoot!.querySelector<HTMLElement>("[part=composer]")?.dataset.session === "signed-in",
      "the visitor signed in",
    );

    const namespace = storageNamespace(url);
    const visitorToken = localStorage.getItem(`__convexAuthJWT_${namespace}`);
    const operatorToken = localStorage.getItem(`__convexChatConsoleJWT_${namespace}`);
    expect(visitorToken).to.be.a("string");
    expect(operatorToken).to.be.a("string");
    expect(operatorToken).to.not.equal(visitorToken);

    // The operator signs out; the visitor keeps their session (and the console's tokens are gone).
    part<HTMLButtonElement>(element, "[part=sign-out-button]").click();
    await waitFor(() => has(element, "[part=sign-in-form]"), "the console signed out");
    expect(localStorage.getItem(`__convexChatConsoleJWT_${namespace}`)).to.equal(null);
    // Same visitor session (its JWT may have been refreshed meanwhile: compare the subject).
    const subject = (token: string | null) =>
      token ? JSON.parse(atob(token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/"))).sub : null;
    expect(subject(localStorage.getItem(`__convexAuthJWT_${namespace}`))).to.equal(subject(visitorToken));
  });

  it("a stored operator session resumes after a reload (a new element on the same storage)", async () => {
    const { url } = await testBackend();
    const first = (await fixture<HTMLElement>(
      html`<convex-chat-console convex-url=${url} storage="session"></convex-chat-console>`,
    )) as never as Parameters<typeof submitSignIn>[0];
    await waitFor(() => has(first, "[part=sign-in-form]"), "the form");
    await submitSignIn(first, DEMO_OWNER);
    await waitFor(() => has(first, "[part=header]"), "signed in", 30_000);
    first.remove();
    await freshConsoleKeepingStorage();
    const second = (await fixture<HTMLElement>(
      html`<convex-chat-console convex-url=${url} storage="session"></convex-chat-console>`,
    )) as never as Parameters<typeof submitSignIn>[0];
    await waitFor(() => has(second, "[part=header]"), "the session resumed", 30_000);
    expect(has(second, "[part=sign-in-form]")).to.equal(false);
    part<HTMLButtonElement>(second, "[part=sign-out-button]").click();
    await waitFor(() => has(second, "[part=sign-in-form]"), "signed out");
    sessionStorage.clear();
  });
});

/** Closes the shared console deployment (as a reload would) but keeps what is stored. */
async function freshConsoleKeepingStorage(): Promise<void> {
  const { closeAllConsoleDeployments } = await import("../core/console-deployment.js");
  await closeAllConsoleDeployments();
}
