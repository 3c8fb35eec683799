type Env = Record<string, string | undefined>;

// Without ALLOWED_ORIGINS only local development pages may call the stream route.
const DEVELOPMENT_ORIGIN = /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d{1,5})?$/i;

/**
 * Whether a browser page at `origin` may call the stream route. `ALLOWED_ORIGINS` is a comma list
 * of exact origins (e.g. `https://shop.example,https://www.shop.example`), or `*` for any page;
 * when unset, only http(s) localhost / 127.0.0.1 / [::1] on any port.
 */
export function isOriginAllowed(origin: string, env: Env = process.env): boolean {
  const configured = env.ALLOWED_ORIGINS?.trim();
  if (!configured) return DEVELOPMENT_ORIGIN.test(origin);
  const allowed = configured.split(",").map((entry) => entry.trim().replace(/\/+$/, "").toLowerCase());
  return allowed.includes("*") || allowed.includes(origin.toLowerCase());
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
