// One ConvexClient and operator session per deployment for every console on the page: two
// consoles (or one moved in the DOM) share a WebSocket and a sign-in. Kept apart from the visitor's
// deployments (deployment.ts): a client carries one identity, and a visitor's chat on the same
// page must stay the visitor's.
import { ConvexClient } from "convex/browser";
import { OperatorSession } from "./operator-session.js";
import { reconnectPromptly } from "./reconnect.js";
import { storageFor, type KeyValueStorage, type StorageMode } from "./storage.js";

export interface ConsoleDeploymentOptions {
  /** Where the operator's tokens live: `local` (default), `session` or `memory`. */
  storageMode?: StorageMode;
  /** A storage to use instead of the mode's own (tests). */
  storage?: KeyValueStorage;
}

/** What consoles share for one deployment. */
export class ConsoleDeployment {
  readonly client: ConvexClient;
  readonly session: OperatorSession;
  readonly storageMode: StorageMode;
  private readonly stopReconnecting: () => void;

  constructor(
    readonly url: string,
    options: ConsoleDeploymentOptions = {},
  ) {
    this.storageMode = options.storageMode ?? "local";
    this.client = new ConvexClient(url, { unsavedChangesWarning: false });
    this.session = new OperatorSession(this.client, url, { storage: options.storage ?? storageFor(this.storageMode) });
    this.stopReconnecting = reconnectPromptly(this.client);
  }

  async close(): Promise<void> {
    this.stopReconnecting();
    // A socket that never opened would keep close() waiting: stop waiting after a moment.
    await Promise.race([this.client.close(), new Promise((resolve) => setTimeout(resolve, 1_000))]);
  }
}

interface Shared {
  deployment: ConsoleDeployment;
  references: number;
  closeTimer?: ReturnType<typeof setTimeout>;
}

const shared = new Map<string, Shared>();
/** A console moved in the DOM (disconnected, connected again) keeps its connection for this long. */
const CLOSE_DELAY_MS = 1_000;

const keyOf = (url: string, mode: StorageMode = "local") => `${url.trim().replace(/\/+$/, "")}#${mode}`;

/** The shared console deployment for `convexUrl`, with one more reference: return it with {@link releaseConsoleDeployment}. */
export function getConsoleDeployment(convexUrl: string, options?: ConsoleDeploymentOptions): ConsoleDeployment {
  const key = keyOf(convexUrl, options?.storageMode);
  let entry = shared.get(key);
  if (!entry) {
    entry = { deployment: new ConsoleDeployment(convexUrl.trim().replace(/\/+$/, ""), options), references: 0 };
    shared.set(key, entry);
  }
  clearTimeout(entry.closeTimer);
  entry.references += 1;
  return entry.deployment;
}

/** Drops one reference; the last one closes the deployment a moment later. */
export function releaseConsoleDeployment(deployment: ConsoleDeployment): void {
  const key = keyOf(deployment.url, deployment.storageMode);
  const entry = shared.get(key);
  if (entry?.deployment !== deployment || entry.references === 0) return;
  entry.references -= 1;
  if (entry.references > 0) return;
  entry.closeTimer = setTimeout(() => {
    if (shared.get(key) !== entry || entry.references > 0) return;
    shared.delete(key);
    void deployment.close();
  }, CLOSE_DELAY_MS);
}

/** Closes every console deployment (tests). */
export async function closeAllConsoleDeployments(): Promise<void> {
  const entries = [...shared.values()];
  shared.clear();
  await Promise.all(entries.map((entry) => (clearTimeout(entry.closeTimer), entry.deployment.close())));
}
