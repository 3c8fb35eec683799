// Shared by the tests of sessions the server refuses: a stored session revoked on the server.
import { ConvexClient } from "convex/browser";
import { authApi } from "../src/core/api.js";
import { storageNamespace } from "../src/core/storage.js";
import { testBackend } from "./test-helpers.js";

export const sessionKeys = async () => {
  const namespace = storageNamespace((await testBackend()).url);
  return { jwt: `__convexAuthJWT_${namespace}`, refresh: `__convexAuthRefreshToken_${namespace}` };
};

/** The user a JWT stands for (its `sub` is `userId|sessionId`). */
export const visitorOf = (jwt: string) =>
  (JSON.parse(atob(jwt.split(".")[1].replace(/-/g, "+").replace(/_/g, "/"))) as { sub: string }).sub.split("|")[0];

/**
 * Ends the stored session on the server (its refresh token stops working) and leaves a JWT the server
 * refuses (signature broken) in storage: the next page can neither use nor refresh it.
 */
export async function revokeStoredSession(): Promise<string> {
  const { jwt: jwtKey } = await sessionKeys();
  const jwt = localStorage.getItem(jwtKey)!;
  const client = new ConvexClient((await testBackend()).url, { unsavedChangesWarning: false, logger: false });
  try {
    client.setAuth(async () => jwt);
    await client.action(authApi.signOut, {});
  } finally {
    await client.close();
  }
  const [header, payload, signature] = jwt.split(".");
  const broken = signature.startsWith("A") ? `B${signature.slice(1)}` : `A${signature.slice(1)}`;
  localStorage.setItem(jwtKey, [header, payload, broken].join("."));
  return visitorOf(jwt);
}
