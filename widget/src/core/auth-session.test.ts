import { expect } from "@open-wc/testing";
import { ConvexClient } from "convex/browser";
import { freshVisitor, signedInDeployment, testBackend, TEST_SITE_KEY, waitFor } from "../../test/test-helpers.js";
import { chatApi } from "./api.js";
import { AuthSession, type AuthState } from "./auth-session.js";
import { closeDeployment, getDeployment } from "./deployment.js";
import { jwtExpiresAt } from "./jwt.js";
import { storageNamespace } from "./storage.js";

const keys = (url: string) => ({
  jwt: `__convexAuthJWT_${storageNamespace(url)}`,
  refresh: `__convexAuthRefreshToken_${storageNamespace(url)}`,
});

/** A well-formed but unsigned JWT expiring at `exp` (seconds): the server would refuse it. */
function unsignedJwt(exp: number): string {
  const part = (value: object) => btoa(JSON.stringify(value)).replace(/=+$/, "");
  return `${part({ alg: "none" })}.${part({ sub: "nobody", exp, iat: exp - 3600 })}.`;
}

function waitForState(session: AuthSession, status: AuthState["status"], timeoutMs?: number) {
  return waitFor(() => session.state.value.status === status && session.state.value, `auth ${status}`, timeoutMs);
}

describe("AuthSession", () => {
  beforeEach(freshVisitor);

  it("signs in anonymously and keeps the tokens under Convex Auth's keys", async () => {
    const { url } = await testBackend();
    const deployment = await signedInDeployment();
    const stored = keys(url);
    expect(jwtExpiresAt(localStorage.getItem(stored.jwt) ?? "")).to.be.greaterThan(Date.now());
    expect(localStorage.getItem(stored.refresh)).to.be.a("string");
    expect(await deployment.client.query(chatApi.listConversations, { siteKey: TEST_SITE_KEY })).to.deep.equal([]);
  });

  it("refreshes: a new JWT and a rotated refresh token, and the client stays signed in as the same visitor", async () => {
    const { url } = await testBackend();
    const deployment = await signedInDeployment();
    const { conversationId } = await deployment.client.mutation(chatApi.sendMessage, { siteKey: TEST_SITE_KEY, text: "before refresh" });
    const stored = keys(url);
    const [jwt, refreshToken] = [localStorage.getItem(stored.jwt), localStorage.getItem(stored.refresh)];

    const fresh = await deployment.auth.refresh();
    // (A JWT minted in the same second for the same session is byte-identical; the refresh token is not.)
    expect(localStorage.getItem(stored.refresh)).to.not.equal(refreshToken);
    expect(localStorage.getItem(stored.jwt)).to.equal(fresh);
    expect(jwtExpiresAt(fresh)).to.be.at.least(jwtExpiresAt(jwt!)!);
    const messages = await deployment.client.query(chatApi.listMessages, { conversationId });
    expect(messages[0].content).to.equal("before refresh");
  });

  it("a refresh refused as too frequent keeps the session: same tokens, still signed in as the same visitor", async () => {
    const { url } = await testBackend();
    const deployment = await signedInDeployment();
    const { conversationId } = await deployment.client.mutation(chatApi.sendMessage, { siteKey: TEST_SITE_KEY, text: "before the limit" });
    const stored = keys(url);
    // Refresh until the server's per-session limit (SESSION_REFRESHES_PER_HOUR, 30 by default) refuses.
    let refused: unknown;
    for (let i = 0; i < 100 && refused === undefined; i++) await deployment.auth.refresh().catch((error: unknown) => (refused = error));
    expect((refused as { data?: { code?: string } } | undefined)?.data?.code).to.equal("RATE_LIMITED");

    const [jwt, refreshToken] = [localStorage.getItem(stored.jwt), localStorage.getItem(stored.refresh)];
    expect(jwt).to.be.a("string");
    expect(refreshToken).to.be.a("string");
    // The client asks for a refresh once more (as after a rejected token): it keeps the unexpired JWT.
    await deployment.auth.refresh().catch(() => undefined);
    expect(localStorage.getItem(stored.refresh)).to.equal(refreshToken);
    expect(deployment.auth.state.value.status).to.equal("signed-in");
    const messages = await deployment.client.query(chatApi.listMessages, { conversationId });
    expect(messages[0].content).to.equal("before the limit");
  });

  it("a returning visitor with a valid stored JWT reuses it: no refresh (no write) on page load", async () => {
    const { url } = await testBackend();
    const first = await signedInDeployment();
    const { conversationId } = await first.client.mutation(chatApi.sendMessage, { siteKey: TEST_SITE_KEY, text: "from the last visit" });
    await closeDeployment(url);
    const stored = keys(url);
    const [jwt, refreshToken] = [localStorage.getItem(stored.jwt), localStorage.getItem(stored.refresh)];

    // The next page load: signed in with the stored token, which the server accepted.
    const again = await signedInDeployment();
    const messages = await again.client.query(chatApi.listMessages, { conversationId });
    expect(messages[0].content).to.equal("from the last visit");
    // The client's confirmation and any refresh it would start right after have had time to run.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(localStorage.getItem(stored.refresh)).to.equal(refreshToken);
    expect(localStorage.getItem(stored.jwt)).to.equal(jwt);
  });

  it("refreshes after the server rejects the stored token (same visitor, new JWT)", async () => {
    const { url } = await testBackend();
    const first = await signedInDeployment();
    const { conversationId } = await first.client.mutation(chatApi.sendMessage, { siteKey: TEST_SITE_KEY, text: "hello" });
    await closeDeployment(url);
    const bogus = unsignedJwt(Math.floor(Date.now() / 1000) + 3600);
    localStorage.setItem(keys(url).jwt, bogus);

    const reloaded = await signedInDeployment();
    expect(localStorage.getItem(keys(url).jwt)).to.not.equal(bogus);
    const messages = await reloaded.client.query(chatApi.listMessages, { conversationId });
    expect(messages.map((m) => m.content)).to.include("hello");
  });

  it("hands HTTP requests a token refreshed before it expires", async () => {
    const { url } = await testBackend();
    const deployment = await signedInDeployment();
    const expiring = unsignedJwt(Math.floor(Date.now() / 1000) + 5);
    localStorage.setItem(keys(url).jwt, expiring);

    const token = await deployment.auth.token();
    expect(token).to.not.equal(expiring);
    expect(jwtExpiresAt(token)! - Date.now()).to.be.greaterThan(60_000);
  });

  it("serialises concurrent refreshes: one call to the server, the other reuses its token", async () => {
    const { url } = await testBackend();
    const refreshCalls = () => performance.getEntriesByType("resource").filter((e) => e.name.endsWith("/api/action")).length;
    performance.clearResourceTimings();
    await signedInDeployment();
    // The client reuses the token it just got (initialAuthTokenReuse): no refresh follows a sign-in.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(refreshCalls()).to.equal(0);
    await closeDeployment(url);
    const stored = keys(url);
    const refreshToken = localStorage.getItem(stored.refresh);
    const clients = [new ConvexClient(url), new ConvexClient(url)];
    const sessions = clients.map((client) => new AuthSession(client, url, { storage: localStorage }));
    try {
      performance.clearResourceTimings();
      const [a, b] = await Promise.all(sessions.map((session) => session.refresh()));
      expect(b).to.equal(a);
      expect(refreshCalls()).to.equal(1);
      expect(localStorage.getItem(stored.refresh)).to.not.equal(refreshToken);
      // The stored refresh token is the newest and still works.
      await sessions[0].refresh();
      expect(refreshCalls()).to.equal(2);
    } finally {
      await Promise.all(clients.map((client) => client.close()));
    }
  });

  it("a sign-in that hangs ends in an error state, and retry tries again", async () => {
    const { silentUrl } = await testBackend();
    const deployment = getDeployment(silentUrl, { authTimeoutMs: 1_000 });
    deployment.auth.start();
    const failed = await waitForState(deployment.auth, "error");
    expect(failed)
      .to.have.property("message")
      .that.match(/timed out/);

    deployment.auth.retry();
    expect(deployment.auth.state.value.status).to.equal("signing-in");
    await waitForState(deployment.auth, "error");
  });
});
