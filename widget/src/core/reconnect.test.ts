import { expect } from "@open-wc/testing";
import { ConvexClient } from "convex/browser";
import { proxy, proxyUrls } from "../../test/proxy-test-helpers.js";
import { waitFor } from "../../test/test-helpers.js";
import { reconnectPromptly, socketManagerOf } from "./reconnect.js";

describe("reconnectPromptly", () => {
  const clients: ConvexClient[] = [];
  const stops: Array<() => void> = [];

  async function connectedClient(): Promise<ConvexClient> {
    const client = new ConvexClient((await proxyUrls()).url, { unsavedChangesWarning: false });
    clients.push(client);
    await waitFor(() => client.connectionState().isWebSocketConnected, "the client to connect");
    return client;
  }

  /** Cuts the network and waits until `client` has failed to reconnect twice (its backoff now ≥ 1 s). */
  async function waitingOutBackoff(client: ConvexClient) {
    await proxy("refuse");
    await proxy("cut");
    await waitFor(() => client.connectionState().connectionRetries >= 2, "two failed reconnects", 40_000);
    const manager = socketManagerOf(client)!;
    await waitFor(() => manager.socketState() === "disconnected", "the client to wait for its next attempt", 40_000);
    return manager;
  }

  afterEach(async () => {
    stops.splice(0).forEach((stop) => stop());
    await Promise.all(clients.splice(0).map((client) => client.close()));
    await proxy("reset");
  });

  it("finds the client's socket manager (fails if a convex upgrade removes the internals it uses)", async () => {
    const client = await connectedClient();
    const manager = socketManagerOf(client);
    expect(manager, "convex's WebSocketManager.tryReconnectImmediately/socketState").to.not.equal(undefined);
    expect(manager!.socketState()).to.equal("ready");
  });

  it("reconnects at once when the tab becomes visible again, instead of waiting out its backoff", async () => {
    const watched = await connectedClient();
    const unwatched = await connectedClient();
    stops.push(reconnectPromptly(watched));
    const [manager, control] = [await waitingOutBackoff(watched), socketManagerOf(unwatched)!];
    await waitFor(() => control.socketState() === "disconnected", "the control client to wait too", 40_000);

    // Synchronous: no timer of the client's can have fired in between.
    document.dispatchEvent(new Event("visibilitychange"));
    expect(manager.socketState(), "the watched client").to.equal("connecting");
    expect(control.socketState(), "a client without reconnectPromptly").to.equal("disconnected");

    await proxy("accept");
    document.dispatchEvent(new Event("visibilitychange"));
    await waitFor(() => watched.connectionState().isWebSocketConnected, "the client to reconnect");
  });

  it("reconnects at once on `online` and on a page restored from the back/forward cache", async () => {
    const client = await connectedClient();
    stops.push(reconnectPromptly(client));
    const manager = await waitingOutBackoff(client);
    window.dispatchEvent(new PageTransitionEvent("pageshow", { persisted: false }));
    expect(manager.socketState(), "a first page load is no reason").to.equal("disconnected");
    window.dispatchEvent(new PageTransitionEvent("pageshow", { persisted: true }));
    expect(manager.socketState()).to.equal("connecting");

    await waitFor(() => manager.socketState() === "disconnected", "the refused attempt to fail", 40_000);
    await proxy("accept");
    window.dispatchEvent(new Event("online"));
    expect(manager.socketState()).to.equal("connecting");
    await waitFor(() => client.connectionState().isWebSocketConnected, "the client to reconnect");
  });

  it("stops listening when asked, and does nothing for a closed client", async () => {
    const client = await connectedClient();
    const stop = reconnectPromptly(client);
    const manager = await waitingOutBackoff(client);
    stop();
    document.dispatchEvent(new Event("visibilitychange"));
    expect(manager.socketState()).to.equal("disconnected");

    stops.push(reconnectPromptly(client));
    await client.close();
    document.dispatchEvent(new Event("visibilitychange"));
    expect(manager.socketState()).to.equal("terminated");
  });
});
