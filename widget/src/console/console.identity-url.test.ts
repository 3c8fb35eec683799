// `identity-url` on the console: the host's server (web-test-runner.config.mjs serves
// /__operator-identity like the WordPress plugin's inbox route: the `test-operator` cookie is who
// is logged in there) signs its staff member, and the console signs in with it: no password.
import { expect, fixture, html } from "@open-wc/testing";
import { testBackend, waitFor } from "../../test/test-helpers.js";
import type { ConvexChatConsole } from "./convex-chat-console.js";
import { freshConsole, has, part, row, visitor, visitorSends } from "../../test/console-test-helpers.js";

const logOut = () => (document.cookie = "test-operator=; path=/; max-age=0");

async function consoleWithIdentityUrl(): Promise<ConvexChatConsole> {
  const { url } = await testBackend();
  return fixture<ConvexChatConsole>(html`<convex-chat-console convex-url=${url} storage="memory" site-key="demo"
    identity-url="/__operator-identity" lang="en" style="height: 700px"></convex-chat-console>`);
}

describe("<convex-chat-console> identity-url", () => {
  beforeEach(freshConsole);
  afterEach(logOut);

  it("signs in as the host's staff member, an agent of the site who sees its conversations live", async () => {
    document.cookie = `test-operator=wp-${Date.now().toString(36)}; path=/`;
    const element = await consoleWithIdentityUrl();
    await waitFor(() => has(element, "[part=inbox]"), "the inbox", 30_000);
    expect(has(element, "#password"), "no password form").to.equal(false);

    const customer = await visitor("demo");
    const { conversationId } = await visitorSends(customer, "demo", "Do you ship to Lyon?");
    const shown = await waitFor(() => row(element, conversationId), "the visitor's conversation in the inbox", 30_000);
    expect(shown.textContent).to.contain("Do you ship to Lyon?");
    await customer.close();
  });

  it("stays signed out, saying why, when the host answers that nobody is logged in", async () => {
    const element = await consoleWithIdentityUrl();
    await waitFor(() => has(element, "[part=form-error]"), "the refusal shown", 30_000);
    expect(has(element, "[part=inbox]")).to.equal(false);
    expect(part(element, "[part=form-error]").textContent).to.match(/not signed in/i);
  });
});
