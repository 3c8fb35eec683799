// `identity-url`: the signed identity comes from the host's server (web-test-runner.config.mjs
// serves /__identity like the WordPress plugin's REST route: the `test-customer` cookie is who is
// logged in), never from the page's HTML; the chat follows logins and logouts.
import { expect } from "@open-wc/testing";
import { html, render } from "lit";
import { freshVisitor, testBackend, TEST_SITE_KEY, waitFor } from "../../test/test-helpers.js";
import "../define.js";
import type { ConvexChat } from "../convex-chat/convex-chat.js";
import { getDeployment } from "./deployment.js";
import type { HostIdentity } from "./host-identity.js";
import { fetchHostIdentity, IdentityWatch } from "./identity-url.js";
import { storageNamespace } from "./storage.js";

const logIn = (customerId: string) => (document.cookie = `test-customer=${customerId}; path=/`);
const logOut = () => (document.cookie = "test-customer=; path=/; max-age=0");

describe("identity-url", () => {
  beforeEach(async () => {
    await freshVisitor();
    logOut();
  });
  afterEach(() => {
    logOut();
    document.body.querySelectorAll("convex-chat").forEach((chat) => chat.remove());
  });

  it("answers nobody on a 401 and the signed customer with the cookie, a signature the deployment accepts", async () => {
    expect(await fetchHostIdentity("/__identity")).to.equal(undefined);
    logIn("wp-7");
    const identity = await fetchHostIdentity("/__identity");
    expect(identity?.customerId).to.equal("wp-7");
    const deployment = getDeployment((await testBackend()).url);
    deployment.auth.start(TEST_SITE_KEY, identity);
    await waitFor(() => deployment.auth.state.value.status === "signed-in", "signed in as wp-7");
  });

  it("refuses an answer that is not an identity, saying so", async () => {
    const error = await fetchHostIdentity("/__backend.json").catch((e: Error) => e);
    expect(String(error)).to.match(/customerId/);
  });

  it("reports logins and logouts when the page regains focus, and not a fresh signature of the same customer", async () => {
    const seen: Array<HostIdentity | undefined> = [];
    const watch = new IdentityWatch("/__identity", { onChange: (identity) => seen.push(identity) });
    watch.start();
    try {
      await waitFor(() => seen.length === 1, "first answer");
      expect(seen[0]).to.equal(undefined);
      const refocus = async () => {
        await new Promise((resolve) => setTimeout(resolve, 1_050));
        window.dispatchEvent(new Event("focus"));
      };
      logIn("wp-8");
      await refocus();
      await waitFor(() => seen.length === 2, "login seen");
      expect(seen[1]?.customerId).to.equal("wp-8");
      await refocus();
      await watch.refresh();
      expect(seen.length, "same customer, fresh signature").to.equal(2);
      logOut();
      await refocus();
      await waitFor(() => seen.length === 3, "logout seen");
      expect(seen[2]).to.equal(undefined);
    } finally {
      watch.stop();
    }
  });

  it("signs the element in as the fetched customer without an anonymous session first, and switches on logout", async () => {
    const { url } = await testBackend();
    const subjectKey = `__convexChatSessionSubject_${storageNamespace(url)}`;
    const subjects: string[] = [];
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function (key: string, value: string) {
      if (key === subjectKey) subjects.push(value);
      return setItem.call(this, key, value);
    };
    try {
      logIn("wp-9");
      render(html`<convex-chat convex-url=${url} site-key=${TEST_SITE_KEY} identity-url="/__identity"></convex-chat>`, document.body);
      const chat = document.body.querySelector<ConvexChat>("convex-chat")!;
      await waitFor(() => localStorage.getItem(subjectKey) === `customer:${TEST_SITE_KEY}:wp-9`, "signed in as wp-9");
      expect(subjects).to.deep.equal([`customer:${TEST_SITE_KEY}:wp-9`]);
      expect((chat.identity as HostIdentity).customerId).to.equal("wp-9");

      logOut();
      await new Promise((resolve) => setTimeout(resolve, 1_050));
      window.dispatchEvent(new Event("focus"));
      await waitFor(() => localStorage.getItem(subjectKey) === `anonymous:${TEST_SITE_KEY}`, "anonymous after logout");
      expect(chat.identity).to.equal("");
    } finally {
      Storage.prototype.setItem = setItem;
    }
  });
});
