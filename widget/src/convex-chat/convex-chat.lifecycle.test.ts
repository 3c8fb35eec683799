import { expect, fixture, html } from "@open-wc/testing";
import { makeFunctionReference } from "convex/server";
import { chatApi } from "../core/api.js";
import { closeAllDeployments, CLOSE_DELAY_MS, findDeployment, releaseDeployment } from "../core/deployment.js";
import { sessionSubject } from "../core/host-identity.js";
import { storageNamespace } from "../core/storage.js";
import { freshVisitor, signedInDeployment, testBackend, TEST_SITE_KEY, waitFor } from "../../test/test-helpers.js";
import { chatFixture, finalReply, shownMessages, typeAndSend, waitUntilReady } from "../../test/chat-test-helpers.js";
import type { ConvexChat } from "./convex-chat.js";

const signOut = makeFunctionReference<"action", Record<string, never>, null>("auth:signOut");

/** A well-formed but unsigned JWT: the server refuses it, so the client must refresh. */
function unsignedJwt(): string {
  const part = (value: object) => btoa(JSON.stringify(value)).replace(/=+$/, "");
  const exp = Math.floor(Date.now() / 1000) + 3600;
  return `${part({ alg: "none" })}.${part({ sub: "nobody", exp, iat: exp - 3600 })}.`;
}

describe("<convex-chat> lifecycle and recovery", () => {
  beforeEach(freshVisitor);

  it("drives a reply its tab left pending (closed between sending and streaming)", async () => {
    const tab = await signedInDeployment();
    const { conversationId } = await tab.client.mutation(chatApi.sendMessage, {
      siteKey: TEST_SITE_KEY,
      text: "Sent just before closing.",
    });
    tab.conversation(TEST_SITE_KEY).set(conversationId);
    await closeAllDeployments(); // the tab closes; storage stays

    const reopened = await chatFixture();
    const reply = await finalReply(reopened);
    expect(reply.status).to.equal("done");
    expect(reply.text.length).to.be.greaterThan(20);
    expect(shownMessages(reopened)[0]).to.deep.equal({ role: "user", status: "done", text: "Sent just before closing." });
  });

  it("a refresh the server refuses (revoked session) starts a new session by itself: no error, no Retry", async () => {
    const { url } = await testBackend();
    const previous = await signedInDeployment();
    await previous.client.action(signOut, {});
    const keys = { jwt: `__convexAuthJWT_${storageNamespace(url)}`, refresh: `__convexAuthRefreshToken_${storageNamespace(url)}` };
    const revoked = localStorage.getItem(keys.refresh)!;
    await closeAllDeployments();
    localStorage.setItem(keys.jwt, unsignedJwt());
    localStorage.setItem(keys.refresh, revoked);

    const chat = await chatFixture();
    const errors: string[] = [];
    chat.addEventListener("convex-chat-error", (event) => errors.push(event.source));
    await waitUntilReady(chat);
    expect(errors).to.deep.equal([]);
    expect(chat.shadowRoot!.querySelector("[part=error]")).to.equal(null);
    expect(localStorage.getItem(keys.refresh)).to.be.a("string").and.not.equal(revoked);
    await typeAndSend(chat, "New session?");
    expect((await finalReply(chat)).status).to.equal("done");
  });

  it("a malformed refresh token is forgotten too, and a new session starts by itself", async () => {
    const { url } = await testBackend();
    localStorage.setItem(`__convexAuthJWT_${storageNamespace(url)}`, unsignedJwt());
    localStorage.setItem(`__convexAuthRefreshToken_${storageNamespace(url)}`, "not-a-refresh-token");
    // This site's anonymous session (another subject's would simply be replaced by a new sign-in).
    localStorage.setItem(`__convexChatSessionSubject_${storageNamespace(url)}`, sessionSubject(TEST_SITE_KEY, undefined));

    const chat = await chatFixture();
    await waitUntilReady(chat);
    expect(chat.shadowRoot!.querySelector("[part=error]")).to.equal(null);
    expect(localStorage.getItem(`__convexAuthRefreshToken_${storageNamespace(url)}`)).to.not.equal("not-a-refresh-token");
  });

  it("closes the shared client when the last element leaves, and not when an element is moved", async () => {
    const { url, siteUrl } = await testBackend();
    const container = await fixture<HTMLDivElement>(html`<div>
      <convex-chat convex-url=${url} site-url=${siteUrl} site-key=${TEST_SITE_KEY}></convex-chat>
      <convex-chat convex-url=${url} site-url=${siteUrl} site-key=${TEST_SITE_KEY}></convex-chat>
      <section></section>
    </div>`);
    const [first, second] = [...container.querySelectorAll("convex-chat")] as ConvexChat[];
    await Promise.all([waitUntilReady(first), waitUntilReady(second)]);
    const deployment = findDeployment(url)!;

    container.querySelector("section")!.append(first); // moved: disconnected and connected again
    first.remove();
    await new Promise((resolve) => setTimeout(resolve, CLOSE_DELAY_MS * 2));
    expect(deployment.client.closed, "closed while another element uses it").to.equal(false);

    second.remove();
    container.querySelector("section")!.append(second);
    await new Promise((resolve) => setTimeout(resolve, CLOSE_DELAY_MS * 2));
    expect(deployment.client.closed, "closed when an element was moved").to.equal(false);
    expect(findDeployment(url)).to.equal(deployment);
    await waitUntilReady(second);

    second.remove();
    await waitFor(() => deployment.client.closed, "the client to close");
    expect(findDeployment(url)).to.equal(undefined);
  });

  it("a deployment released by code outside elements closes after the delay", async () => {
    const deployment = await signedInDeployment();
    releaseDeployment(deployment);
    await waitFor(() => deployment.client.closed, "the client to close");
  });
});
