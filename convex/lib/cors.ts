type Env = Record<string, string | undefined>;

// Without ALLOWED_ORIGINS only local development pages may call the stream route.
const DEVELOPMENT_ORIGIN = /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d{1,5})?$/i;

/**
 * Whether a browser page at `origin` may call the stream route. `ALLOWED_ORIGINS` is a comma list
 * of origins (e.g. `https://shop.example,https://www.shop.example`), or `*` for any page;
 * when unset, only http(s) localhost / 127.0.0.1 / [::1] on any port.
 */
export function isOriginAllowed(origin: string, env: Env = process.env): boolean {
  const configured = env.ALLOWED_ORIGINS?.trim();
  if (!configured) return DEVELOPMENT_ORIGIN.test(origin);
  const allowed = allowedOrigins(configured);
  return allowed.has("*") || allowed.has(origin.toLowerCase());
}

let parsed: { configured: string; origins: Set<string> } | undefined;

/**
 * The configured entries as origins: `https://Shop.example:443/path` counts as
 * `https://shop.example`. An entry that is not an http(s) URL (`shop.example`) could never match
 * a browser's Origin header: it is ignored with a warning, once per configuration.
 */
function allowedOrigins(configured: string): Set<string> {
  if (parsed?.configured === configured) return parsed.origins;
  const origins = new Set<string>();
  for (const entry of configured.split(",").map((item) => item.trim()).filter(Boolean)) {
    const origin = entry === "*" ? "*" : httpOrigin(entry);
    if (origin === null) console.warn(`ALLOWED_ORIGINS: ignoring "${entry}", which is not an http(s) origin such as https://shop.example`);
    else origins.add(origin);
  }
  parsed = { configured, origins };
  return origins;
}

function httpOrigin(entry: string): string | null {
  try {
    const url = new URL(entry);
    return url.protocol === "http:" || url.protocol === "https:" ? url.origin.toLowerCase() : null;
  } catch {
    return null;
  }
}

/** CORS headers for an allowed origin (none for requests without Origin, e.g. servers, curl). */
export function corsHeaders(origin: string | null): Record<string, string> {
  if (origin === null) return {};
  return {
    "Access-Control-Allow-Origin": origin,
    // The answer depends on the Origin header: caches must not share it across origins.
    Vary: "Origin",
  };
}

/** Extra headers of the answer to a preflight from an allowed origin. */
export const PREFLIGHT_HEADERS: Record<string, string> = {
  "Access-Control-Allow-Methods": "POST, OPTIONS",
  "Access-Control-Allow-Headers": "Authorization, Content-Type",
  // Chromium caps this at 7200 s.
  "Access-Control-Max-Age": "7200",
};
