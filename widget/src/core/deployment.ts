// One ConvexClient, auth session and set of conversation stores per deployment URL, shared by every
// element on the page: one WebSocket and one sign-in however many widgets are shown; each element
// keeps the conversation of its own conversation key.
import { ConvexClient } from "convex/browser";
import { AuthSession } from "./auth-session.js";
import { ConnectionWatch } from "./connection.js";
import { ConversationStores, DEFAULT_CONVERSATION_KEY, type ConversationStore } from "./conversation-store.js";
import { clearOutboxes } from "./outbox.js";
import { reconnectPromptly } from "./reconnect.js";
import { storageFor, storageNamespace, type KeyValueStorage, type StorageMode } from "./storage.js";

export interface DeploymentOptions {
  /**
   * Where tokens and the conversation id live: `local` (default), `session` or `memory` (see
   * {@link StorageMode}). Elements with different modes get separate deployments (and visitors).
   */
  storageMode?: StorageMode;
  /** A storage to use instead of the mode's own (tests). */
  storage?: KeyValueStorage;
  /** Longest a sign-in or token refresh may take before an error is shown (default 15 s). */
  authTimeoutMs?: number;
}

/** Everything the widget shares for one Convex deployment. */
export class Deployment {
  readonly client: ConvexClient;
  readonly auth: AuthSession;
  /** Whether the client reaches the deployment now (connected, reconnecting, offline). */
  readonly connection: ConnectionWatch;
  /** The current conversation per conversation key (see the element's `conversation-key`). */
  readonly conversations: ConversationStores;
  /** Where this deployment keeps the session, conversations and unconfirmed sends. */
  readonly storage: KeyValueStorage;
  readonly storageMode: StorageMode;
  private readonly stopReconnecting: () => void;

  constructor(
    readonly url: string,
    options: DeploymentOptions = {},
  ) {
    this.storageMode = options.storageMode ?? "local";
    const storage = (this.storage = options.storage ?? storageFor(this.storageMode));
    // A widget must never put a "leave this page?" prompt on its host, nor write in its console:
    // the client's own log lines (reconnects, every refused mutation as an error) are not the host's
    // business; the element reports what matters through its events. A stored JWT the server
    // accepts is used until shortly before it expires (initialAuthTokenReuse): a returning visitor's
    // page load refreshes nothing (without it, every load spends the refresh token: a write).
    this.client = new ConvexClient(url, { unsavedChangesWarning: false, verbose: false, logger: false, initialAuthTokenReuse: true });
    this.connection = new ConnectionWatch(this.client);
    this.auth = new AuthSession(this.client, url, {
      storage,
      timeoutMs: options.authTimeoutMs,
      onVisitorChange: () => this.forgetVisitor(),
    });
    this.conversations = new ConversationStores(storage, storageNamespace(url));
    this.stopReconnecting = reconnectPromptly(this.client);
  }

  /** The current conversation of `conversationKey` (default: the default key) on the site `siteKey`. */
  conversation(siteKey: string, conversationKey = DEFAULT_CONVERSATION_KEY): ConversationStore {
    return this.conversations.for(siteKey, conversationKey);
  }

  /**
   * Signs the visitor out: forgets the current conversation of every site and key and every send
   * not yet confirmed (never to be sent as the next visitor), ends the session on the server,
   * clears the stored tokens and signs in again as a new visitor. With `erase`, the visitor's data
   * is erased on the server first (see `AuthSession.signOut`); if that fails, this rejects and
   * nothing is forgotten.
   */
  async signOut(options: { erase?: boolean } = {}): Promise<void> {
    if (options.erase) {
      await this.auth.signOut(options);
      this.forgetVisitor();
      return;
    }
    this.forgetVisitor();
    await this.auth.signOut();
  }

  // What one visitor left (current conversations, unsent messages) is never the next one's.
  private forgetVisitor(): void {
    this.conversations.clear();
    clearOutboxes(this.client, this.storage, storageNamespace(this.url));
  }

  async close(): Promise<void> {
    this.conversations.dispose();
    this.stopReconnecting();
    this.connection.close();
    // The client's close waits for a connecting socket to open or close, which a server that
    // never answers never does: stop waiting after a moment (the client is already terminated).
    await Promise.race([this.client.close(), new Promise((resolve) => setTimeout(resolve, 1_000))]);
  }
}

interface Shared {
  deployment: Deployment;
  references: number;
  closeTimer?: ReturnType<typeof setTimeout>;
}

const deployments = new Map<string, Shared>();

/**
 * How long a deployment nobody uses stays open: an element moved in the DOM (disconnected, then
 * connected again) or re-rendered by a host framework keeps its connection and session.
 */
export const CLOSE_DELAY_MS = 1_000;

function normalise(convexUrl: string): string {
  return convexUrl.trim().replace(/\/+$/, "");
}

/** The map key of a deployment: its URL, plus the storage mode when that is not `local`. */
function sharedKey(url: string, mode: StorageMode = "local"): string {
  return mode === "local" ? url : `${url}#${mode}`;
}

/**
 * The shared deployment for `convexUrl`, created on first use (options apply only then), with one
 * more reference held on it: hand it back with {@link releaseDeployment}.
 * Throws on a URL the Convex client refuses.
 */
export function getDeployment(convexUrl: string, options?: DeploymentOptions): Deployment {
  const url = normalise(convexUrl);
  const key = sharedKey(url, options?.storageMode);
  let shared = deployments.get(key);
  if (!shared) {
    shared = { deployment: new Deployment(url, options), references: 0 };
    deployments.set(key, shared);
  }
  clearTimeout(shared.closeTimer);
  shared.closeTimer = undefined;
  shared.references += 1;
  return shared.deployment;
}

/** Drops one reference taken by {@link getDeployment}; the last one closes the deployment shortly after. */
export function releaseDeployment(deployment: Deployment): void {
  const key = sharedKey(deployment.url, deployment.storageMode);
  const shared = deployments.get(key);
  if (shared?.deployment !== deployment || shared.references === 0) return;
  shared.references -= 1;
  if (shared.references > 0) return;
  shared.closeTimer = setTimeout(() => {
    if (deployments.get(key) === shared && shared.references === 0) void closeShared(key);
  }, CLOSE_DELAY_MS);
}

/** The open shared deployment for `convexUrl` (and storage mode), if any, without taking a reference. */
export function findDeployment(convexUrl: string, storageMode?: StorageMode): Deployment | undefined {
  return deployments.get(sharedKey(normalise(convexUrl), storageMode))?.deployment;
}

/**
 * Closes and forgets the shared deployment of `convexUrl` (e.g. when a single-page host tears the
 * chat down): the one of `storageMode`, or those of every mode when it is omitted.
 */
export async function closeDeployment(convexUrl: string, storageMode?: StorageMode): Promise<void> {
  const url = normalise(convexUrl);
  const keys = storageMode
    ? [sharedKey(url, storageMode)]
    : [...deployments.keys()].filter((key) => key === url || key.startsWith(`${url}#`));
  await Promise.all(keys.map(closeShared));
}

async function closeShared(key: string): Promise<void> {
  const shared = deployments.get(key);
  deployments.delete(key);
  if (!shared) return;
  clearTimeout(shared.closeTimer);
  await shared.deployment.close();
}

/** Closes every shared deployment (tests, or a host resetting the page's chat). */
export async function closeAllDeployments(): Promise<void> {
  await Promise.all([...deployments.keys()].map(closeShared));
}

/**
 * The http-actions origin of a deployment: `https://NAME.convex.cloud` serves them at
 * `https://NAME.convex.site`; a local backend on port N serves them on port N + 1.
 */
export function deriveSiteUrl(convexUrl: string): string {
  const url = new URL(normalise(convexUrl));
  if (url.hostname.endsWith(".convex.cloud")) {
    url.hostname = url.hostname.replace(/\.convex\.cloud$/, ".convex.site");
  } else if (url.port) {
    url.port = String(Number(url.port) + 1);
  } else {
    throw new Error(`Cannot derive the site URL from ${convexUrl}; set site-url.`);
  }
  return url.origin;
}
