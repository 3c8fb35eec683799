// The tokens of one Convex Auth session kept in a storage: the JWT the client hands the server and
// the single-use refresh token that replaces it. The visitor's AuthSession and the operator's
// OperatorSession each keep theirs under their own keys and refresh them the same way: once across
// tabs, timed out, forgetting a token the server refused.
import { getFunctionName } from "convex/server";
import { authApi, type AuthTokens } from "./api.js";
import { withTimeout } from "./errors.js";
import { refusesToken, runAction } from "./http-action.js";
import { jwtExpiresAt } from "./jwt.js";
import { withLock } from "./locks.js";
import type { KeyValueStorage } from "./storage.js";

/** Where a session's tokens are stored, and the lock that serialises their refresh across tabs. */
export interface TokenKeys {
  jwt: string;
  refreshToken: string;
  lock: string;
}

export interface TokenStoreOptions {
  storage: KeyValueStorage;
  keys: TokenKeys;
  convexUrl: string;
  /** Longest a refresh call may take. */
  timeoutMs: number;
  /** Also forgotten with the tokens (e.g. whom the session is for). */
  alsoClear?: string[];
  /** A refresh asked for by the client failed and no valid token is left. */
  onRefreshFailed?: (error: unknown) => void;
}

// A token handed to an HTTP request must outlive the request's start by at least this much.
const HTTP_TOKEN_LEEWAY_MS = 30_000;

function expiresSoon(token: string): boolean {
  const expiresAt = jwtExpiresAt(token);
  return expiresAt === undefined || expiresAt - Date.now() < HTTP_TOKEN_LEEWAY_MS;
}

/**
 * @example
 * const tokens = new TokenStore({ storage: localStorage, keys, convexUrl, timeoutMs: 15_000 });
 * tokens.store(result.tokens);
 * client.setAuth(tokens.fetchToken, onChange);
 */
export class TokenStore {
  /** The JWT last handed to the client: a different stored one was put there by another tab. */
  private known: string | null = null;
  /** Counts `clear()` calls: a refresh that was in flight when the session ended must not bring it back. */
  private cleared = 0;

  constructor(private readonly options: TokenStoreOptions) {}

  get jwt(): string | null {
    return this.options.storage.getItem(this.options.keys.jwt);
  }

  get refreshToken(): string | null {
    return this.options.storage.getItem(this.options.keys.refreshToken);
  }

  store(tokens: AuthTokens): string {
    this.options.storage.setItem(this.options.keys.jwt, tokens.token);
    this.options.storage.setItem(this.options.keys.refreshToken, tokens.refreshToken);
    return (this.known = tokens.token);
  }

  clear(): void {
    const { storage, keys, alsoClear = [] } = this.options;
    for (const key of [keys.jwt, keys.refreshToken, ...alsoClear]) storage.removeItem(key);
    this.known = null;
    this.cleared += 1;
  }

  /**
   * A JWT valid for at least the next half minute, for authenticated HTTP requests; a refreshed
   * one when `forceRefresh` (the server refused the last).
   */
  async token(forceRefresh = false): Promise<string> {
    const current = this.jwt;
    if (current && !forceRefresh && !expiresSoon(current)) return current;
    return this.refresh();
  }

  /**
   * Exchanges the refresh token for a new JWT, serialised across tabs; a tab that waited for the
   * lock while another refreshed takes the other's fresh token instead of spending its own
   * (refresh tokens are single-use; JWTs minted in the same second can be identical, so the
   * refresh token is what tells that a refresh happened).
   */
  async refresh(): Promise<string> {
    const { convexUrl, keys, timeoutMs } = this.options;
    const requestedWith = this.refreshToken;
    const refreshed = withLock(keys.lock, async () => {
      const refreshToken = this.refreshToken;
      const stored = this.jwt;
      if (refreshToken !== requestedWith && stored && !expiresSoon(stored)) return (this.known = stored);
      if (!refreshToken) throw new Error("There is no session to refresh.");
      const clearedBefore = this.cleared;
      // Over HTTP: the client pauses its WebSocket while it waits for a token.
      const result = await withTimeout(
        runAction<{ tokens?: AuthTokens | null }>(convexUrl, getFunctionName(authApi.signIn), { refreshToken }),
        timeoutMs,
        "Refreshing the session",
      ).catch((error: unknown) => {
        // The server refused this refresh token (malformed, revoked): it will never work again, so
        // forget it. A request that did not get through keeps it, and so does a refresh refused as
        // too frequent (RATE_LIMITED).
        if (refusesToken(error)) this.clear();
        throw error;
      });
      // Signed out (or refused) while the call was on its way: the new tokens stay unused.
      if (this.cleared !== clearedBefore) throw new Error("The session ended during its refresh.");
      if (!result.tokens) {
        this.clear();
        throw new Error("The session has expired.");
      }
      return this.store(result.tokens);
    });
    // Twice the call's own timeout: the lock may first wait for another tab's (timed-out) refresh.
    return withTimeout(refreshed, timeoutMs * 2, "Refreshing the session");
  }

  /**
   * For `client.setAuth`: called without force for the stored token, with force before expiry and
   * after the server rejected a token. Never throws and never hangs, so the client cannot wedge.
   */
  readonly fetchToken = async ({ forceRefreshToken }: { forceRefreshToken: boolean }): Promise<string | null> => {
    const stored = this.jwt;
    if (!forceRefreshToken) return (this.known = stored);
    // Another tab already replaced the token the client holds: use theirs.
    if (stored && stored !== this.known && !expiresSoon(stored)) return (this.known = stored);
    try {
      return await this.refresh();
    } catch (error) {
      // The refresh did not get through (offline, a cut connection): a token that has not expired
      // still works, so keep the session rather than end it. A refusal cleared the stored token.
      const current = this.jwt;
      if (current && (jwtExpiresAt(current) ?? 0) > Date.now()) return (this.known = current);
      this.options.onRefreshFailed?.(error);
      return null;
    }
  };
}
