// Whether the chat reaches its deployment right now, as a visitor should be told: connected,
// reconnecting (a short drop the client is repairing) or offline (the browser is offline, or the
// server has refused or ignored several attempts in a row). Read from the ConvexClient's own
// connection state, so it is never a guess. Framework-free.
import type { ConvexClient } from "convex/browser";
import { Store, type Readable } from "./store.js";

/** What the header's dot and the log say about the connection. */
export type ConnectionStatus = "connecting" | "connected" | "reconnecting" | "offline";

/** The parts of ConvexClient's `connectionState()` this reads. */
export interface ClientConnectionState {
  isWebSocketConnected: boolean;
  hasEverConnected: boolean;
  connectionRetries: number;
}

/**
 * After this many failed attempts in a row the server is taken as unreachable ("offline") rather
 * than a blip: the client's backoff is then past a second and grows to 16 s.
 */
export const OFFLINE_AFTER_RETRIES = 2;

/** The status a visitor is told for the client's `state`; `online` is `navigator.onLine`. */
export function connectionStatusOf(state: ClientConnectionState, online = true): ConnectionStatus {
  if (state.isWebSocketConnected) return "connected";
  if (!online || state.connectionRetries >= OFFLINE_AFTER_RETRIES) return "offline";
  return state.hasEverConnected ? "reconnecting" : "connecting";
}

/**
 * Follows a client's connection as a {@link Readable} status (one per deployment, shared by its
 * elements). The browser's `online`/`offline` events count too: a client whose socket has not yet
 * noticed the network is gone still reads as offline.
 *
 * @example
 * const connection = new ConnectionWatch(client);
 * connection.subscribe((status) => dot.dataset.state = status);
 */
export class ConnectionWatch implements Readable<ConnectionStatus> {
  private readonly store: Store<ConnectionStatus>;
  private readonly stop: () => void;

  constructor(
    private readonly client: ConvexClient,
    private readonly win: Pick<Window, "addEventListener" | "removeEventListener"> | undefined = globalThis.window,
  ) {
    this.store = new Store(this.read());
    const update = () => this.store.set(this.read());
    const unsubscribe = client.subscribeToConnectionState(update);
    win?.addEventListener("online", update);
    win?.addEventListener("offline", update);
    this.stop = () => {
      unsubscribe();
      win?.removeEventListener("online", update);
      win?.removeEventListener("offline", update);
    };
  }

  get value(): ConnectionStatus {
    return this.store.value;
  }

  subscribe(listener: (value: ConnectionStatus) => void): () => void {
    return this.store.subscribe(listener);
  }

  /** Stops following the client (the deployment closes). */
  close(): void {
    this.stop();
  }

  private read(): ConnectionStatus {
    if (this.client.closed) return "offline";
    const online = typeof navigator === "undefined" ? true : navigator.onLine;
    return connectionStatusOf(this.client.connectionState(), online);
  }
}
