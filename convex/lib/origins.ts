// Allowed-origin patterns of a site and the check of a browser's `Origin` header against them.
// Pure functions: validated when an operator writes a site, matched on every stream request.
import { getPublicSuffix } from "tldts";

/**
 * A pattern as stored: lower case, default port dropped. Three forms:
 * - exact: `https://shop.example.com`, `http://localhost:5173`
 * - subdomain wildcard: `https://*.example.com` matches `https://a.example.com` and
 *   `https://a.b.example.com`, never `https://example.com`, another scheme or another port
 * - port wildcard, loopback hosts only (development): `http://localhost:*` matches any port
 */
export type OriginPattern = string;

type ParsedOrigin = { scheme: "http" | "https"; host: string; port: string };

const DEFAULT_PORT = { http: "80", https: "443" } as const;
const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);
// scheme://host[:port]; a host is DNS labels (ASCII: punycode for IDN) or a bracketed IPv6 address.
const ORIGIN_SHAPE =
  /^(https?):\/\/(\*\.)?([a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*|\[[0-9a-f:.]+\])(?::(\d{1,5}|\*))?$/;

/** An operator's origin pattern that cannot be stored (lib/sites.ts reports it as `INVALID_ARGUMENT`). */
export class InvalidOriginError extends Error {}

/**
 * Validates and normalises an operator's origin pattern. Returns the stored form, or throws an
 * {@link InvalidOriginError} saying what is wrong (so `sites:create` / `sites:update` refuse it and write nothing).
 */
export function normaliseOriginPattern(input: string): OriginPattern {
  const entry = input.trim().toLowerCase();
  const refuse = (why: string) => {
    throw new InvalidOriginError(
      `Allowed origin "${input}" ${why}. Examples: https://shop.example.com, https://*.example.com, http://localhost:*`,
    );
  };
  if (entry === "*") refuse("would admit every page; list the sites' origins instead");
  const match = ORIGIN_SHAPE.exec(entry);
  if (!match) refuse("is not an origin (scheme://host[:port], no path, no trailing slash)");
  const [, scheme, wildcard, host, port] = match!;
  if (wildcard && host.split(".").length < 2) refuse("is too broad: a wildcard needs a domain with at least two labels after *.");
  if (wildcard && host.startsWith("[")) refuse("puts a wildcard on an IP address");
  if (wildcard && isPublicSuffix(host)) {
    refuse(`puts a wildcard on the public suffix "${host}", whose subdomains belong to strangers; list your own origins`);
  }
  if (port === "*" && (wildcard || !LOOPBACK_HOSTS.has(host))) {
    refuse("uses a port wildcard, which only loopback hosts (localhost, 127.0.0.1, [::1]) may use");
  }
  if (port !== undefined && port !== "*" && (Number(port) < 1 || Number(port) > 65535)) refuse("has an invalid port");
  const defaultPort = port === undefined || port === DEFAULT_PORT[scheme as "http" | "https"];
  const explicitPort = defaultPort ? "" : `:${port === "*" ? "*" : Number(port)}`;
  return `${scheme}://${wildcard ?? ""}${host}${explicitPort}`;
}

/**
 * Whether `host` is a public suffix: one under which anyone may register a name (`co.uk`), including
 * the Public Suffix List's private section (`github.io`, `vercel.app`), where each subdomain is a
 * different customer's site. `*.` on such a host would admit strangers' pages.
 */
function isPublicSuffix(host: string): boolean {
  return getPublicSuffix(host, { allowPrivateDomains: true }) === host;
}

/** Normalises a list of patterns (duplicates dropped); throws on the first invalid one. */
export function normaliseOriginPatterns(inputs: readonly string[]): OriginPattern[] {
  return [...new Set(inputs.map(normaliseOriginPattern))];
}

/** A browser `Origin` header as scheme, host and port (explicit or default), or null ("null", junk). */
function parseOrigin(origin: string): ParsedOrigin | null {
  const match = ORIGIN_SHAPE.exec(origin.toLowerCase());
  if (!match || match[2] || match[4] === "*") return null;
  const scheme = match[1] as "http" | "https";
  return { scheme, host: match[3], port: match[4] === undefined ? DEFAULT_PORT[scheme] : String(Number(match[4])) };
}

/** Whether a browser page at `origin` matches one of the stored `patterns`. */
export function originMatches(origin: string, patterns: readonly OriginPattern[]): boolean {
  const page = parseOrigin(origin);
  if (page === null) return false;
  return patterns.some((pattern) => patternMatches(page, pattern));
}

function patternMatches(page: ParsedOrigin, pattern: OriginPattern): boolean {
  const match = ORIGIN_SHAPE.exec(pattern);
  if (!match) return false;
  const [, scheme, wildcard, host, port] = match;
  if (scheme !== page.scheme) return false;
  if (port !== "*" && (port ?? DEFAULT_PORT[page.scheme]) !== page.port) return false;
  // `*.example.com` needs at least one more label: "example.com" and "badexample.com" never match.
  return wildcard ? page.host.endsWith(`.${host}`) : page.host === host;
}
