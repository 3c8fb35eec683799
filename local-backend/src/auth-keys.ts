/**
 * Convex Auth signing keys for a local run, made the way `npx @convex-dev/auth` makes them
 * (@convex-dev/auth/dist/bin.cjs `generateKeys`): an RS256 pair, the private key as PKCS8 PEM
 * with newlines turned into spaces, the public key as a JWKS.
 */
import { exportJWK, exportPKCS8, generateKeyPair } from "jose";

export type AuthKeys = { JWT_PRIVATE_KEY: string; JWKS: string };

// One pair per process: process.env is shared, so every backend started in this process must
// sign and verify with the same keys.
let generated: Promise<AuthKeys> | undefined;

export function generateAuthKeys(): Promise<AuthKeys> {
  generated ??= (async () => {
    const keys = await generateKeyPair("RS256", { extractable: true });
    const privateKey = await exportPKCS8(keys.privateKey);
    const publicKey = await exportJWK(keys.publicKey);
    return {
      JWT_PRIVATE_KEY: privateKey.trimEnd().replace(/\n/g, " "),
      JWKS: JSON.stringify({ keys: [{ use: "sig", ...publicKey }] }),
    };
  })();
  return generated;
}
