// Fetching a site's own pages for its knowledge base: only from the site's allowed origins (also
// after every redirect), http(s) only, bounded in time and size. A site's owner cannot make the
// deployment fetch anything else (another site, an internal address) through `knowledge:addUrl`.
import { chatError, invalidArgument } from "./errors";
import { originMatches } from "./origins";

/** Largest page or sitemap read, in bytes. */
export const MAX_PAGE_BYTES = 1_000_000;
const TIMEOUT_MS = 10_000;
const MAX_REDIRECTS = 3;

/** A fetched page: where it ended up, its content type and body. */
export type FetchedPage = { url: string; contentType: string; body: string };

/** `url` as an absolute http(s) URL without its fragment, or `INVALID_ARGUMENT` (field `url`). */
export function parsePageUrl(url: string, maxChars: number): URL {
  const trimmed = url.trim();
  if (trimmed.length === 0 || trimmed.length > maxChars) throw invalidArgument("url", `A URL has 1 to ${maxChars} characters.`);
  let parsed: URL;
  try {
    parsed = new URL(trimmed);
  } catch {
    throw invalidArgument("url", "Not a URL: give an absolute http(s) address, e.g. https://shop.example.com/help/returns.");
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") throw invalidArgument("url", "Only http(s) URLs can be added.");
  if (parsed.username || parsed.password) throw invalidArgument("url", "A URL with credentials cannot be added.");
  parsed.hash = "";
  return parsed;
}

/** Refuses a URL outside the site's allowed origins (`ORIGIN_NOT_ALLOWED`). */
export function requireAllowedOrigin(url: URL, allowedOrigins: readonly string[]): void {
  if (!originMatches(url.origin, allowedOrigins)) {
    throw chatError(
      "ORIGIN_NOT_ALLOWED",
      `${url.origin} is not among this site's allowed origins: only the site's own pages can be added.`,
    );
  }
}

/**
 * GETs `url`, following at most three redirects that stay within `allowedOrigins`. Errors:
 * `ORIGIN_NOT_ALLOWED`, `FETCH_FAILED` (network, timeout, a non-2xx answer, a body over
 * {@link MAX_PAGE_BYTES}).
 */
export async function fetchSitePage(url: URL, allowedOrigins: readonly string[]): Promise<FetchedPage> {
  let current = url;
  for (let hop = 0; ; hop++) {
    requireAllowedOrigin(current, allowedOrigins);
    let response: Response;
    try {
      response = await fetch(current, {
        redirect: "manual",
        signal: AbortSignal.timeout(TIMEOUT_MS),
        headers: { accept: "text/html, application/xhtml+xml, application/xml, text/xml, text/plain;q=0.8" },
      });
    } catch (error) {
      throw chatError(
        "FETCH_FAILED",
        `Could not fetch ${current.href}: ${error instanceof Error && error.name === "TimeoutError" ? "no answer within 10 s" : "the request failed"}.`,
      );
    }
    if (response.status >= 300 && response.status < 400 && response.headers.has("location")) {
      await response.body?.cancel();
      if (hop >= MAX_REDIRECTS) throw chatError("FETCH_FAILED", `${url.href} redirects more than ${MAX_REDIRECTS} times.`);
      current = new URL(response.headers.get("location")!, current);
      continue;
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw chatError("FETCH_FAILED", `${current.href} answered HTTP ${response.status}.`);
    }
    return { url: current.href, contentType: response.headers.get("content-type") ?? "", body: await readBounded(response, current) };
  }
}

async function readBounded(response: Response, url: URL): Promise<string> {
  const declared = Number(response.headers.get("content-length") ?? NaN);
  if (declared > MAX_PAGE_BYTES) {
    await response.body?.cancel();
    throw chatError("FETCH_FAILED", `${url.href} is larger than ${MAX_PAGE_BYTES / 1_000_000} MB.`);
  }
  const reader = response.body?.getReader();
  if (!reader) return "";
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > MAX_PAGE_BYTES) {
      await reader.cancel();
      throw chatError("FETCH_FAILED", `${url.href} is larger than ${MAX_PAGE_BYTES / 1_000_000} MB.`);
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(concat(chunks, size));
}

function concat(chunks: Uint8Array[], size: number): Uint8Array {
  const all = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    all.set(chunk, offset);
    offset += chunk.length;
  }
  return all;
}
