import { expect } from "@open-wc/testing";
import { getFunctionName } from "convex/server";
import { freshVisitor, testBackend, TEST_SITE_KEY } from "../../test/test-helpers.js";
import { authApi, type AuthTokens } from "./api.js";
import { runAction } from "./http-action.js";
import { TokenStore } from "./token-store.js";

describe("TokenStore", () => {
  beforeEach(freshVisitor);

  it("a session cleared (signed out) while its refresh is on its way stays cleared", async () => {
    const { url } = await testBackend();
    const signedIn = await runAction<{ tokens: AuthTokens }>(url, getFunctionName(authApi.signIn), {
      provider: "anonymous",
      params: { siteKey: TEST_SITE_KEY },
    });
    const keys = { jwt: "token-store-test-jwt", refreshToken: "token-store-test-refresh", lock: "token-store-test-lock" };
    const tokens = new TokenStore({ storage: localStorage, keys, convexUrl: url, timeoutMs: 15_000 });
    tokens.store(signedIn.tokens);

    // The refresh's request leaves, and the session ends before its answer is back.
    const realFetch = window.fetch;
    let sent = 0;
    window.fetch = (input, init) => {
      sent += 1;
      tokens.clear();
      return realFetch(input, init);
    };
    let refused: unknown;
    try {
      await tokens.refresh().catch((error: unknown) => (refused = error));
    } finally {
      window.fetch = realFetch;
    }
    expect(sent, "the refresh was sent").to.equal(1);
    expect(String(refused)).to.contain("The session ended during its refresh.");
    expect(localStorage.getItem(keys.jwt)).to.equal(null);
    expect(localStorage.getItem(keys.refreshToken)).to.equal(null);
  });
});
