// Signed identities fetched from the host's server (`identity-url`) rather than printed into the
// page: a page cache may serve one HTML to everyone, so a signature in the HTML could be served to
// someone else; a response to a credentialed `no-store` request cannot. The answer is the same
// JSON the `identity` attribute takes; 401, 403, 404, 204 or an empty/`null` body mean nobody is
// signed in there (the chat is then an anonymous visitor).
import { parseHostIdentity, type HostIdentity } from "./host-identity.js";

/** Fetches the host's JSON answer: the parsed body, or null when nobody is signed in there. */
export async function fetchSignedJson(url: string, fetcher: typeof fetch = fetch): Promise<unknown> {
  const response = await fetcher(url, {
    credentials: "include",
    cache: "no-store",
    headers: { Accept: "application/json" },
  });
  if ([204, 401, 403, 404].includes(response.status)) return null;
  if (!response.ok) throw new Error(`The identity URL answered ${response.status}.`);
  const body = (await response.text()).trim();
  if (body === "" || body === "null") return null;
  try {
    return JSON.parse(body);
  } catch {
    throw new Error("The identity URL did not answer JSON.");
  }
}

/** The customer signed in on the host's server, or undefined for an anonymous visitor. */
export async function fetchHostIdentity(url: string, fetcher: typeof fetch = fetch): Promise<HostIdentity | undefined> {
  const body = await fetchSignedJson(url, fetcher);
  return body === null ? undefined : parseHostIdentity(body);
}

/** How long before a fetched identity expires it is fetched again. */
export const IDENTITY_REFRESH_MARGIN_MS = 60_000;
/** Fewest milliseconds between two fetches caused by the page regaining focus. */
const FOCUS_FETCH_INTERVAL_MS = 1_000;

export interface IdentityWatchOptions {
  /** Called with each answer that differs from the previous one (the first one always). */
  onChange(identity: HostIdentity | undefined): void;
  /** Called when a fetch fails (network, a 5xx, a malformed answer); the last identity stays. */
  onError?(error: unknown): void;
  fetcher?: typeof fetch;
  /** Where focus and visibility are watched (default: the window and document). */
  target?: { window: Window; document: Document };
}

/**
 * Keeps the host's signed identity current: fetches it now, again shortly before it expires, and
 * whenever the page becomes visible or focused again (the user may have logged in or out in
 * another tab). Reports only answers that change who the visitor is.
 *
 * @example
 * const watch = new IdentityWatch("/wp-json/convex-chat/v1/identity", { onChange: (id) => (chat.identity = id ?? "") });
 * watch.start(); // ... watch.stop();
 */
export class IdentityWatch {
  private last: string | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastFetchAt = 0;
  private generation = 0;
  private readonly target: { window: Window; document: Document };

  constructor(
    private readonly url: string,
    private readonly options: IdentityWatchOptions,
  ) {
    this.target = options.target ?? { window, document };
  }

  start(): void {
    this.stop();
    this.target.window.addEventListener("focus", this.onFocus);
    this.target.document.addEventListener("visibilitychange", this.onFocus);
    void this.refresh();
  }

  stop(): void {
    this.generation++;
    clearTimeout(this.timer);
    this.target.window.removeEventListener("focus", this.onFocus);
    this.target.document.removeEventListener("visibilitychange", this.onFocus);
  }

  /** Fetches now; resolves once the answer was reported (or the failure). */
  async refresh(): Promise<void> {
    const generation = ++this.generation;
    this.lastFetchAt = Date.now();
    clearTimeout(this.timer);
    try {
      const identity = await fetchHostIdentity(this.url, this.options.fetcher);
      if (generation !== this.generation) return;
      // Who, not which signature: a fresh signature for the same customer changes nothing.
      const who = identity ? `customer:${identity.customerId}` : "anonymous";
      if (identity) this.schedule(identity.expiresAt - Date.now() - IDENTITY_REFRESH_MARGIN_MS);
      if (who === this.last) return;
      this.last = who;
      this.options.onChange(identity);
    } catch (error) {
      if (generation === this.generation) this.options.onError?.(error);
    }
  }

  private schedule(delayMs: number): void {
    // setTimeout overflows past 2^31-1 ms; a minute's floor keeps a clock skew from looping.
    this.timer = setTimeout(() => void this.refresh(), Math.min(Math.max(delayMs, 60_000), 2 ** 31 - 1));
  }

  private readonly onFocus = () => {
    if (this.target.document.visibilityState === "hidden") return;
    if (Date.now() - this.lastFetchAt < FOCUS_FETCH_INTERVAL_MS) return;
    void this.refresh();
  };
}
