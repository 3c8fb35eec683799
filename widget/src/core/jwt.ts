// Reads a JWT's expiry without verifying it: the server verifies; the client only needs to know
// when to refresh.

/** Expiry of a JWT in milliseconds since the epoch, or undefined when it cannot be read. */
export function jwtExpiresAt(token: string): number | undefined {
  try {
    const payload = token.split(".")[1];
    const json = atob(payload.replace(/-/g, "+").replace(/_/g, "/"));
    const { exp } = JSON.parse(json) as { exp?: unknown };
    return typeof exp === "number" ? exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}
