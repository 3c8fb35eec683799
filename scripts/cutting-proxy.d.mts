/** A loopback proxy that tests can use to break the network between a client and the backend. */
export interface CuttingProxy {
  /** The proxy's origin: use it in place of the backend's. */
  url: string;
  /** Destroys every live connection (both sides); returns how many sockets it closed. */
  cut(): number;
  /** While true, new connections are closed as soon as they arrive (the network is down). */
  setRefusing(value: boolean): void;
  /** While true, the server's bytes are dropped: requests arrive, answers never do. */
  setMuted(value: boolean): void;
  /** Connections accepted so far, sockets open now, and the current modes. */
  stats(): { connections: number; open: number; refusing: boolean; muted: boolean };
  close(): Promise<void>;
}
export function startCuttingProxy(target: string): Promise<CuttingProxy>;
