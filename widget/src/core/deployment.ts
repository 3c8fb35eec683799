// One ConvexClient, auth session and conversation per deployment URL, shared by every element on
// the page: one WebSocket, one sign-in, one conversation however many widgets are shown.
import { ConvexClient } from "convex/browser";
import { AuthSession } from "./auth-session.js";
import { ConversationStore } from "./conversation-store.js";
import { defaultStorage, storageNamespace, type KeyValueStorage } from "./storage.js";

export interface DeploymentOptions {
  /** Where tokens and the conversation id live (default: localStorage, or memory if unusable). */
  storage?: KeyValueStorage;
  /** Longest a sign-in or token refresh may take before an error is shown (default 15 s). */
  authTimeoutMs?: number;
}

/** Everything the widget shares for one Convex deployment. */
export class Deployment {
  readonly client: ConvexClient;
  readonly auth: AuthSession;
  readonly conversation: ConversationStore;

  constructor(
    readonly url: string,
    options: DeploymentOptions = {},
  ) {
    const storage = options.storage ?? defaultStorage();
    // A widget must never put a "leave this page?" prompt on its host.
    this.client = new ConvexClient(url, { unsavedChangesWarning: false });
    this.auth = new AuthSession(this.client, url, { storage, timeoutMs: options.authTimeoutMs });
    this.conversation = new ConversationStore(storage, storageNamespace(url));
  }

  async close(): Promise<void> {
    this.conversation.dispose();
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

/**
 * The shared deployment for `convexUrl`, created on first use (options apply only then), with one
 * more reference held on it: hand it back with {@link releaseDeployment}.
 * Throws on a URL the Convex client refuses.
 */
export function getDeployment(convexUrl: string, options?: DeploymentOptions): Deployment {
  const url = normalise(convexUrl);
  let shared = deployments.get(url);
  if (!shared) {
    shared = { deployment: new Deployment(url, options), references: 0 };
    deployments.set(url, shared);
  }
  clearTimeout(shared.closeTimer);
  shared.closeTimer = undefined;
  shared.references += 1;
  return shared.deployment;
}

/** Drops one reference taken by {@link getDeployment}; the last one closes the deployment shortly after. */
export function releaseDeployment(deployment: Deployment): void {
  const shared = deployments.get(deployment.url);
  if (shared?.deployment !== deployment || shared.references === 0) return;
  shared.references -= 1;
  if (shared.references > 0) return;
  shared.closeTimer = setTimeout(() => {
    if (deployments.get(deployment.url) === shared && shared.references === 0) void closeDeployment(deployment.url);
  }, CLOSE_DELAY_MS);
}

/** The open shared deployment for `convexUrl`, if any, without taking a reference. */
export function findDeployment(convexUrl: string): Deployment | undefined {
  return deployments.get(normalise(convexUrl))?.deployment;
}

/** Closes and forgets the shared deployment (e.g. when a single-page host tears the chat down). */
export async function closeDeployment(convexUrl: string): Promise<void> {
  const url = normalise(convexUrl);
  const shared = deployments.get(url);
  deployments.delete(url);
  if (!shared) return;
  clearTimeout(shared.closeTimer);
  await shared.deployment.close();
}

/** Closes every shared deployment (tests, or a host resetting the page's chat). */
export async function closeAllDeployments(): Promise<void> {
  await Promise.all([...deployments.keys()].map((url) => closeDeployment(url)));
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
