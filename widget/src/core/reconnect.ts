// Reconnects a ConvexClient at once when the visitor is likely back: the browser came online, the
// tab became visible again, or the page was restored from the back/forward cache. On its own the
// client reconnects only on `online` and only if its socket already knew it was down; otherwise it
// waits out a backoff of up to 16 s (convex-js #183), and a background tab's timers may run late.
import type { ConvexClient } from "convex/browser";

/**
 * The part of convex 1.48's internal WebSocketManager used here (browser/sync/web_socket_manager.ts).
 * ConvexClient has no public "reconnect now". `tryReconnectImmediately()` is what the client itself
 * calls on `online`: it acts only while the socket is down and waiting to reconnect, cancelling the
 * scheduled attempt. reconnect.test.ts fails if an upgrade removes or renames it.
 */
interface SocketManager {
  tryReconnectImmediately(): void;
  socketState(): string;
}

/** The client's socket manager, or undefined if this convex version no longer has the internals. */
export function socketManagerOf(client: ConvexClient): SocketManager | undefined {
  if (client.disabled) return undefined;
  const manager = (client.client as unknown as { webSocketManager?: Partial<SocketManager> }).webSocketManager;
  return typeof manager?.tryReconnectImmediately === "function" && typeof manager.socketState === "function"
    ? (manager as SocketManager)
    : undefined;
}

export interface ReconnectOptions {
  /** After a wake-up, how long a socket that drops is reconnected at once (default 10 s). */
  windowMs?: number;
  /** At most this many immediate reconnects per wake-up, so a server that is down is not hammered (default 3). */
  maxAttempts?: number;
  /** Where `online` and `pageshow` fire (default `window`). */
  window?: Pick<Window, "addEventListener" | "removeEventListener">;
  /** Where `visibilitychange` fires (default `document`). */
  document?: Pick<Document, "addEventListener" | "removeEventListener" | "visibilityState">;
}

/**
 * Reconnects `client` without waiting for its backoff whenever the visitor is likely back. A wake-up
 * also opens a short window in which a socket found dead (its close event often arrives after
 * `online`/`visibilitychange`) is reconnected at once. Subscriptions, auth and in-flight mutations
 * resume on their own: the client re-sends them on every new socket.
 *
 * @returns a function that stops listening.
 * @example
 * const stop = reconnectPromptly(client);
 * // later: stop();
 */
export function reconnectPromptly(client: ConvexClient, options: ReconnectOptions = {}): () => void {
  const win = options.window ?? globalThis.window;
  const doc = options.document ?? globalThis.document;
  const manager = socketManagerOf(client);
  if (!manager || !win || !doc) return () => undefined;
  const windowMs = options.windowMs ?? 10_000;
  const maxAttempts = options.maxAttempts ?? 3;
  let windowEnds = 0;
  let attemptsLeft = 0;

  const reconnectIfDown = () => {
    if (client.closed || Date.now() > windowEnds || attemptsLeft <= 0) return;
    if (manager.socketState() !== "disconnected") return;
    attemptsLeft -= 1;
    manager.tryReconnectImmediately();
  };
  const wake = () => {
    windowEnds = Date.now() + windowMs;
    attemptsLeft = maxAttempts;
    reconnectIfDown();
  };
  const onVisibility = () => {
    if (doc.visibilityState === "visible") wake();
  };
  const onPageShow = (event: Event) => {
    if ((event as PageTransitionEvent).persisted) wake();
  };
  // Called (in a microtask) whenever the socket's state changes, e.g. when it learns it is closed.
  const unsubscribe = client.subscribeToConnectionState((state) => {
    if (!state.isWebSocketConnected) reconnectIfDown();
  });
  win.addEventListener("online", wake);
  win.addEventListener("pageshow", onPageShow);
  doc.addEventListener("visibilitychange", onVisibility);
  return () => {
    unsubscribe();
    win.removeEventListener("online", wake);
    win.removeEventListener("pageshow", onPageShow);
    doc.removeEventListener("visibilitychange", onVisibility);
  };
}
