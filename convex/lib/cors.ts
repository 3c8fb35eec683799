// CORS headers of the stream route. Which origins may call it is each site's business
// (`sites.allowedOrigins`, matched in lib/origins.ts); there is no deployment-wide `*`.

/** CORS headers for an origin the site allows (none for requests without Origin: servers, curl). */
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
