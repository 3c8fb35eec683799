// The visitor's identity in the browser: where the session is kept (`storage`), what survives a
// reload in each mode, `signOut()`, and that no token ever travels in a URL.
import { expect } from "@open-wc/testing";
import { closeAllDeployments, findDeployment } from "../core/deployment.js";
import { runAction } from "../core/http-action.js";
import { parseStorageMode, storageNamespace, type StorageMode } from "../core/storage.js";
import { freshVisitor, testBackend, TEST_SITE_KEY, waitFor } from "../../test/test-helpers.js";
import { chatFixture, finalReply, shownMessages, typeAndSend, waitUntilReady } from "../../test/chat-test-helpers.js";
import type { ConvexChat } from "./convex-chat.js";

const tokenKeys = (url: string) => ({
  jwt: `__convexAuthJWT_${storageNamespace(url)}`,
  refresh: `__convexAuthRefreshToken_${storageNamespace(url)}`,
});

/** The user a JWT stands for (its `sub` is `userId|sessionId`). */
function visitorOf(jwt: string): string {
  const payload = JSON.parse(atob(jwt.split(".")[1].replace(/-/g, "+").replace(/_/g, "/"))) as { sub: string };
  return payload.sub.split("|")[0];
}

/** The session an element's deployment holds (whatever its storage mode). */
function sessionOf(url: string, mode: StorageMode) {
  const deployment = findDeployment(url, mode);
  if (!deployment) throw new Error(`no ${mode} deployment`);
  const keys = tokenKeys(url);
  const jwt = deployment.storage.getItem(keys.jwt);
  const refreshToken = deployment.storage.getItem(keys.refresh);
  if (!jwt || !refreshToken) throw new Error(`the ${mode} deployment holds no session`);
  return { deployment, jwt, refreshToken, visitor: visitorOf(jwt) };
}

/** Every URL the page requests from now on: resources (fetch, XHR, images…) and WebSockets. */
function recordRequestUrls() {
  const urls: string[] = [];
  performance.setResourceTimingBufferSize(100_000);
  const observer = new PerformanceObserver((list) => list.getEntries().forEach((entry) => urls.push(entry.name)));
  observer.observe({ type: "resource", buffered: true });
  const NativeWebSocket = window.WebSocket;
  window.WebSocket = class extends NativeWebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      urls.push(String(url));
    }
  };
  return {
    urls: () => [...urls, location.href, ...performance.getEntriesByType("resource").map((entry) => entry.name)],
    stop() {
      observer.disconnect();
      window.WebSocket = NativeWebSocket;
    },
  };
}

async function sendAndFinish(chat: ConvexChat, text: string) {
  await typeAndSend(chat, text);
  await waitFor(() => shownMessages(chat).some((m) => m.role === "user" && m.text === text), `"${text}" shown`);
  return finalReply(chat);
}

async function freshPage() {
  await freshVisitor();
  sessionStorage.clear();
}

/** A reload as far as the widget can tell: every element and deployment gone, storage as the mode keeps it. */
async function reload(chat: ConvexChat) {
  chat.remove();
  await closeAllDeployments();
}

describe("<convex-chat> identity", () => {
  beforeEach(freshPage);
  afterEach(freshPage);

  it("never puts a token in a URL: sign-in, replies, refresh, sign-out", async () => {
    const { url } = await testBackend();
    const recorder = recordRequestUrls();
    try {
      const chat = await chatFixture();
      await waitUntilReady(chat);
      const tokens = new Set<string>();
      const remember = () => {
        const { jwt, refreshToken } = sessionOf(url, "local");
        tokens.add(jwt).add(refreshToken);
      };
      remember();
      expect((await sendAndFinish(chat, "First question")).status).to.equal("done");
      await sessionOf(url, "local").deployment.auth.refresh();
      remember();
      await chat.signOut();
      await waitUntilReady(chat);
      remember();
      expect((await sendAndFinish(chat, "After signing out")).status).to.equal("done");
      remember();

      const urls = recorder.urls();
      // The recording saw the traffic that carries tokens: the socket, the stream route, the action API.
      expect(urls.some((u) => u.startsWith("ws://") && u.includes("/sync"))).to.equal(true);
      expect(urls.some((u) => u.includes("/chat-stream"))).to.equal(true);
      expect(urls.some((u) => u.endsWith("/api/action"))).to.equal(true);
      expect(tokens.size).to.be.at.least(4);
      for (const requested of urls) {
        for (const token of tokens) expect(requested.includes(token), `a token in ${requested}`).to.equal(false);
        // Any JWT at all (they start with base64 of `{"`), or anything named like a token.
        expect(requested, "a JWT-like string in a URL").not.to.match(/eyJ|token=|refresh/i);
      }
    } finally {
      recorder.stop();
    }
  });

  const modes: Array<{ mode: StorageMode; keeps: boolean; where: Storage | null }> = [
    { mode: "local", keeps: true, where: localStorage },
    { mode: "session", keeps: true, where: sessionStorage },
    { mode: "memory", keeps: false, where: null },
  ];
  for (const { mode, keeps, where } of modes) {
    it(`storage="${mode}" ${keeps ? "keeps" : "loses"} the visitor and conversation across a reload`, async () => {
      const { url } = await testBackend();
      const text = `Remember me (${mode})`;
      const first = await chatFixture({ storage: mode });
      await waitUntilReady(first);
      await sendAndFinish(first, text);
      const before = sessionOf(url, mode);
      // The tokens are in the mode's own storage and nowhere else. (Compared with this visitor's
      // own: a previous test's deployment may still finish a refresh into localStorage.)
      for (const storage of [localStorage, sessionStorage]) {
        const stored = [storage.getItem(tokenKeys(url).jwt), storage.getItem(tokenKeys(url).refresh)];
        const name = `${mode}: the session in ${storage === localStorage ? "local" : "session"}Storage`;
        if (storage === where) expect(stored, name).to.deep.equal([before.jwt, before.refreshToken]);
        else
          expect(
            stored.filter((token) => token === before.jwt || token === before.refreshToken),
            name,
          ).to.deep.equal([]);
      }

      await reload(first);
      const second = await chatFixture({ storage: mode });
      await waitUntilReady(second);
      const after = sessionOf(url, mode);
      if (keeps) {
        expect(after.visitor).to.equal(before.visitor);
        await waitFor(() => shownMessages(second).some((m) => m.text === text), "the earlier conversation");
      } else {
        expect(after.visitor).not.to.equal(before.visitor);
        expect(after.deployment.conversation(TEST_SITE_KEY).value).to.equal(null);
        expect(shownMessages(second)).to.deep.equal([]);
      }
    });
  }

  it("reads the storage attribute leniently: unknown values mean the default, local", () => {
    const read = ["local", "session", "memory", " Session ", "MEMORY", "", "cookies", null, undefined].map(parseStorageMode);
    expect(read).to.deep.equal(["local", "session", "memory", "session", "memory", "local", "local", "local", "local"]);
  });

  it("signOut() ends the session on the server, forgets tokens and conversation, and starts a new visitor", async () => {
    const { url } = await testBackend();
    const chat = await chatFixture();
    await waitUntilReady(chat);
    await sendAndFinish(chat, "Before signing out");
    const before = sessionOf(url, "local");
    expect(before.deployment.conversation(TEST_SITE_KEY).value).to.be.a("string");

    await chat.signOut();
    await waitUntilReady(chat);
    const after = sessionOf(url, "local");
    expect(after.visitor).not.to.equal(before.visitor);
    expect(after.refreshToken).not.to.equal(before.refreshToken);
    expect(after.deployment.conversation(TEST_SITE_KEY).value).to.equal(null);
    expect(shownMessages(chat)).to.deep.equal([]);
    // The old session is over on the server: its refresh token buys nothing.
    const refreshed = await runAction<{ tokens?: unknown }>(url, "auth:signIn", { refreshToken: before.refreshToken }).catch(() => null);
    expect(refreshed?.tokens ?? null).to.equal(null);

    // The new visitor chats as usual.
    expect((await sendAndFinish(chat, "A new visitor")).status).to.equal("done");
    expect(shownMessages(chat).map((m) => m.text))
      .to.include("A new visitor")
      .and.not.include("Before signing out");
  });
});
