/**
 * Who one sync connection is: the identity its last `Authenticate` established, and when that
 * token expires. A deployment stops serving a connection whose token expired and tells the client
 * once with an AuthError, which makes it fetch a fresh token and reconnect.
 */
import type { UserIdentity } from "convex/server";
import { AuthError, type TokenVerifier } from "../identity.ts";
import type { ClientMessage } from "./protocol-types.ts";

export type AuthenticateMessage = Extract<ClientMessage, { type: "Authenticate" }>;

export class ConnectionAuth {
  private current: UserIdentity | null = null;
  private expiresAtMs: number | null = null;
  private expiryReported = false;

  /** @param reportExpiry sends the client its "Token expired" AuthError (called once per token). */
  constructor(
    private readonly verifyToken: TokenVerifier,
    private readonly reportExpiry: () => void,
  ) {}

  /** The identity functions run as; null when anonymous. */
  get identity(): UserIdentity | null {
    return this.current;
  }

  /**
   * Applies an `Authenticate` message. Resolves to the reason to refuse it (the identity is then
   * unchanged), or null when the identity changed.
   */
  async authenticate(message: AuthenticateMessage): Promise<string | null> {
    if (message.tokenType === "Admin") return "Admin keys are not supported by the local backend.";
    this.expiryReported = false;
    if (message.tokenType !== "User") {
      this.current = null;
      this.expiresAtMs = null;
      return null;
    }
    try {
      const verified = await this.verifyToken(message.value ?? "");
      this.current = verified.identity;
      this.expiresAtMs = verified.expiresAtMs;
      return null;
    } catch (e) {
      if (e instanceof AuthError) return e.message;
      throw e;
    }
  }

  /** Whether the token has expired: no work runs until the client authenticates again. */
  expired(): boolean {
    if (this.expiryReported) return true;
    if (this.expiresAtMs === null || Date.now() < this.expiresAtMs) return false;
    this.expiryReported = true;
    this.reportExpiry();
    return true;
  }
}
