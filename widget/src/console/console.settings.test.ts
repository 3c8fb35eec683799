import { expect, fixture, html } from "@open-wc/testing";
import { testBackend, waitFor } from "../../test/test-helpers.js";
import "../define.js";
import type { ConvexChat } from "../convex-chat/convex-chat.js";
import {
  consoleElement,
  freshConsole,
  has,
  operatorClient,
  part,
  parts,
  signUpOperator,
  SITE_A,
  type,
  uniqueEmail,
} from "../../test/console-test-helpers.js";
import type { ConvexChatConsole } from "./convex-chat-console.js";

async function openSection(element: ConvexChatConsole, section: "settings" | "team") {
  part<HTMLButtonElement>(element, `[data-section=${section}]`).click();
  await element.updateComplete;
}

describe("<convex-chat-console> settings and team", () => {
  beforeEach(freshConsole);

  it("shows the server's refusal next to its field, and a saved greeting reaches a visitor's chat live", async () => {
    const { url } = await testBackend();
    const element = await consoleElement({ theme: "dark" });
    await waitFor(() => has(element, "[part=mode-button]"), "the form");
    await signUpOperator(element, SITE_A);
    await openSection(element, "settings");
    await waitFor(() => has(element, "#allowedOrigins"), "the settings form", 15_000);
    await expect(element, "settings").to.be.accessible();

    const origins = part<HTMLTextAreaElement>(element, "#allowedOrigins").value;
    type(element, "#allowedOrigins", `${origins}\nhttps://*.github.io`);
    part<HTMLButtonElement>(element, "[part=save-button]").click();
    const error = await waitFor(
      () => element.shadowRoot!.querySelector("[data-field=allowedOrigins] [part=field-error]"),
      "the refusal",
      15_000,
    );
    expect(error.textContent).to.contain("github.io");
    expect(part(element, "#allowedOrigins").getAttribute("aria-invalid")).to.equal("true");
    expect(part(element, "#allowedOrigins").getAttribute("aria-describedby")).to.contain("allowedOrigins-error");
    await waitFor(() => element.shadowRoot!.activeElement === part(element, "#allowedOrigins"), "focus on the refused field");
    expect(parts(element, "[part=field-error]").length).to.equal(1);
    await expect(element, "refused").to.be.accessible();

    // A visitor's chat of the site, already open, shows the built-in greeting.
    const chat = await fixture<ConvexChat>(html`<convex-chat convex-url=${url} site-key=${SITE_A} storage="memory"></convex-chat>`);
    const greetingShown = () => chat.shadowRoot!.querySelector("[part=greeting]")?.textContent?.trim();
    await waitFor(() => greetingShown(), "the chat's greeting");

    const greeting = `Welcome to Console A! ${Math.random().toString(36).slice(2, 6)}`;
    type(element, "#allowedOrigins", origins);
    type(element, "#greeting", greeting);
    part<HTMLButtonElement>(element, "[part=save-button]").click();
    await waitFor(() => part(element, "[part=save-status]").textContent === "Saved.", "saved", 15_000);
    expect(parts(element, "[part=field-error]").length).to.equal(0);
    await waitFor(() => greetingShown() === greeting, "the visitor sees the new greeting without a reload", 15_000);
  });

  it("edits the suggested questions, one per line (a refusal shows under the field), which a visitor's empty chat offers live", async () => {
    const { url } = await testBackend();
    const element = await consoleElement();
    await waitFor(() => has(element, "[part=mode-button]"), "the form");
    await signUpOperator(element, SITE_A);
    await openSection(element, "settings");
    await waitFor(() => has(element, "#suggestedQuestions"), "the suggested questions field", 15_000);
    expect(part(element, "label[for=suggestedQuestions]").textContent).to.equal("Suggested questions");
    expect(part(element, "#suggestedQuestions").getAttribute("aria-describedby")).to.contain("suggestedQuestions-hint");

    type(element, "#suggestedQuestions", ["One?", "Two?", "Three?", "Four?", "Five?"].join("\n"));
    part<HTMLButtonElement>(element, "[part=save-button]").click();
    const error = await waitFor(
      () => element.shadowRoot!.querySelector("[data-field=suggestedQuestions] [part=field-error]"),
      "the refusal",
      15_000,
    );
    expect(error.textContent).to.contain("at most 4 questions");
    await waitFor(() => element.shadowRoot!.activeElement === part(element, "#suggestedQuestions"), "focus on the refused field");

    const chat = await fixture<ConvexChat>(html`<convex-chat convex-url=${url} site-key=${SITE_A} storage="memory"></convex-chat>`);
    const offered = () => [...chat.shadowRoot!.querySelectorAll("[part=suggestion]")].map((b) => b.textContent);
    try {
      type(element, "#suggestedQuestions", "  Do you ship to Canada?\n\nHow do I brew green tea?\n");
      part<HTMLButtonElement>(element, "[part=save-button]").click();
      await waitFor(() => part(element, "[part=save-status]").textContent === "Saved.", "saved", 15_000);
      await waitFor(
        () => part<HTMLTextAreaElement>(element, "#suggestedQuestions").value === "Do you ship to Canada?\nHow do I brew green tea?",
        "the stored questions shown",
      );
      await waitFor(
        () => offered().join("|") === "Do you ship to Canada?|How do I brew green tea?",
        "the visitor is offered them without a reload",
        15_000,
      );
    } finally {
      // Emptied: removed, so that the other tests of the site see no suggestions.
      type(element, "#suggestedQuestions", "");
      part<HTMLButtonElement>(element, "[part=save-button]").click();
      await waitFor(() => part(element, "[part=save-status]").textContent === "Saved.", "saved again", 15_000);
    }
    await waitFor(() => offered().length === 0, "no suggestions once removed", 15_000);
  });

  it("edits every limit (a refused one shows next to its field) and the human handoff switch, which a visitor's chat follows live", async () => {
    const { url } = await testBackend();
    const element = await consoleElement();
    await waitFor(() => has(element, "[part=mode-button]"), "the form");
    await signUpOperator(element, SITE_A);
    await openSection(element, "settings");
    await waitFor(() => has(element, "#visitorBurst"), "the limits", 15_000);
    const value = (id: string) => part<HTMLInputElement>(element, `#${id}`).value;
    // The site's limits as web-test-runner.config.mjs set them; the others empty (the defaults).
    expect([value("visitorMessagesPerMinute"), value("visitorBurst"), value("maxConversationsPerVisitor")]).to.deep.equal([
      "600",
      "100",
      "100",
    ]);
    expect([value("siteMessagesPerMinute"), value("siteSignInsPerMinute"), value("maxMessagesPerConversation")]).to.deep.equal([
      "",
      "",
      "",
    ]);
    expect(part<HTMLInputElement>(element, "#humanHandoff").checked).to.equal(true);
    await expect(element, "settings with limits").to.be.accessible();

    // The server's validation (the one path of sites:*) refuses a fraction; shown under that field.
    type(element, "#visitorBurst", "2.5");
    part<HTMLButtonElement>(element, "[part=save-button]").click();
    const error = await waitFor(
      () => element.shadowRoot!.querySelector("[data-field=visitorBurst] [part=field-error]"),
      "the refusal",
      15_000,
    );
    expect(error.textContent).to.contain("limits.visitorBurst must be a non-negative integer");
    expect(part(element, "#visitorBurst").getAttribute("aria-invalid")).to.equal("true");
    await waitFor(() => element.shadowRoot!.activeElement === part(element, "#visitorBurst"), "focus on the refused limit");
    await expect(element, "a refused limit").to.be.accessible();

    type(element, "#visitorBurst", "100");
    type(element, "#siteMessagesPerMinute", "5000");
    part<HTMLButtonElement>(element, "[part=save-button]").click();
    await waitFor(() => part(element, "[part=save-status]").textContent === "Saved.", "saved", 15_000);
    await waitFor(() => value("siteMessagesPerMinute") === "5000" && value("visitorBurst") === "100", "the stored limits shown");

    // A visitor's chat, open before any conversation, offers a person until the owner turns it off.
    const chat = await fixture<ConvexChat>(html`<convex-chat convex-url=${url} site-key=${SITE_A} storage="memory"></convex-chat>`);
    const offered = () => chat.shadowRoot!.querySelector("[part=handoff-button]") !== null;
    await waitFor(offered, "Talk to a person");
    part<HTMLInputElement>(element, "#humanHandoff").click();
    part<HTMLButtonElement>(element, "[part=save-button]").click();
    await waitFor(() => !offered(), "no person offered, live", 15_000);
    // The form follows the stored settings live: wait until it shows the switch off before turning it on.
    await waitFor(
      () => part(element, "[part=save-status]").textContent === "Saved." && !part<HTMLInputElement>(element, "#humanHandoff").checked,
      "the switch shown off",
    );
    part<HTMLInputElement>(element, "#humanHandoff").click();
    type(element, "#siteMessagesPerMinute", "");
    part<HTMLButtonElement>(element, "[part=save-button]").click();
    await waitFor(offered, "offered again", 15_000);
    await waitFor(() => value("siteMessagesPerMinute") === "", "the default again");
  });

  it("rotates the identity secret and shows it once", async () => {
    const element = await consoleElement();
    await waitFor(() => has(element, "[part=mode-button]"), "the form");
    await signUpOperator(element, SITE_A);
    await openSection(element, "settings");
    const rotate = await waitFor(
      () => element.shadowRoot!.querySelector<HTMLButtonElement>("[part=rotate-secret-button]"),
      "the secret section",
      15_000,
    );
    rotate.click();
    const secret = await waitFor(() => element.shadowRoot!.querySelector<HTMLInputElement>("[part=secret]"), "the secret", 15_000);
    expect(secret.value).to.match(/^[0-9a-f]{64}$/);
    await waitFor(() => part(element, "[part=rotate-secret-button]").textContent?.trim() === "Rotate the secret", "the site has a secret");
    // Another visit to the page (the same session): never shown again.
    element.remove();
    const again = await consoleElement({ siteKey: SITE_A });
    await waitFor(() => has(again, "[data-section=settings]"), "signed in (same session)", 15_000);
    await openSection(again, "settings");
    await waitFor(() => has(again, "[part=rotate-secret-button]"), "the secret section");
    expect(has(again, "[part=secret]")).to.equal(false);
  });

  it("creates an invitation (code shown once), lists and revokes it; a redeemed one adds a member", async () => {
    const element = await consoleElement();
    await waitFor(() => has(element, "[part=mode-button]"), "the form");
    await signUpOperator(element, SITE_A);
    await openSection(element, "team");
    await waitFor(() => has(element, "[part=invite-form]") && has(element, "[part=members]"), "the team page", 15_000);
    await expect(element, "team").to.be.accessible();

    const invitee = uniqueEmail("agent");
    type(element, "#invite-email", invitee);
    part<HTMLButtonElement>(element, "[part=invite-button]").click();
    const code = await waitFor(() => element.shadowRoot!.querySelector<HTMLInputElement>("#invitation-code")?.value, "the code", 15_000);
    const listed = await waitFor(
      () => parts(element, "[part=invitation]").find((li) => li.textContent?.includes(invitee)),
      "the invitation listed",
    );
    expect(listed.textContent).to.contain("Agent");
    await expect(element, "code shown").to.be.accessible();

    // The invitee signs up elsewhere and redeems it: the member appears, the invitation goes.
    const person = await operatorClient({ email: invitee, password: "another good password", flow: "signUp" });
    const { invitationsApi } = await import("../core/operator-api.js");
    await person.client.mutation(invitationsApi.redeem, { code });
    await person.close();
    await waitFor(() => parts(element, "[part=member]").some((li) => li.textContent?.includes(invitee)), "the new member", 15_000);
    await waitFor(() => !parts(element, "[part=invitation]").some((li) => li.textContent?.includes(invitee)), "the used invitation gone");

    // Another invitation, revoked.
    const other = uniqueEmail("revoked");
    type(element, "#invite-email", other);
    part<HTMLButtonElement>(element, "[part=invite-button]").click();
    const revoke = await waitFor(
      () =>
        parts(element, "[part=invitation]")
          .find((li) => li.textContent?.includes(other))
          ?.querySelector<HTMLButtonElement>("[part=revoke-button]:not(:disabled)"),
      // Listed before the invite call has returned: its button is enabled once the page is not busy.
      "the second invitation, its Revoke enabled",
    );
    revoke.click();
    await waitFor(() => !parts(element, "[part=invitation]").some((li) => li.textContent?.includes(other)), "revoked", 15_000);

    // Removing the member.
    const remove = await waitFor(
      () =>
        parts(element, "[part=member]")
          .find((li) => li.textContent?.includes(invitee))
          ?.querySelector<HTMLButtonElement>("[part=remove-button]:not(:disabled)"),
      "the member's Remove enabled",
    );
    remove.click();
    await waitFor(() => !parts(element, "[part=member]").some((li) => li.textContent?.includes(invitee)), "removed", 15_000);
  });
});
