// Shared by the browser tests that break the network: the cutting proxies that web-test-runner.config.mjs
// puts in front of the run's backend (scripts/cutting-proxy.mjs), a pair per test file, and the
// commands that drive them.
import { executeServerCommand } from "@web/test-runner-commands";
import { TEST_SITE_KEY } from "./test-helpers.js";

/** The proxy's origins for the backend's sync API (`url`) and http actions (`siteUrl`). */
export interface ProxyUrls {
  url: string;
  siteUrl: string;
}

let cached: Promise<ProxyUrls> | undefined;

export function proxyUrls(): Promise<ProxyUrls> {
  cached ??= proxy<ProxyUrls>("urls");
  return cached;
}

/** The stream route through the proxy. */
export async function proxiedStreamUrl(): Promise<string> {
  return `${(await proxyUrls()).siteUrl}/chat-stream?site=${TEST_SITE_KEY}`;
}

/**
 * Tells this file's two proxies to `cut` every live connection (resolves to how many sockets it
 * closed), `refuse`/`accept` new connections, `mute`/`unmute` the server's answers, or `reset`;
 * `urls` answers their origins.
 */
export function proxy<T = unknown>(action: "urls" | "cut" | "refuse" | "accept" | "mute" | "unmute" | "reset" | "stats"): Promise<T> {
  return executeServerCommand<T, { action: string }>("proxy", { action });
}
