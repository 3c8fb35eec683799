// An operator's password session (Convex Auth's `password` provider) for the console: sign in,
// sign up, sign out, and a client kept authenticated with refreshed tokens. A sibling of
// AuthSession (the visitor's anonymous session) with its own storage keys, so a console and a
// visitor's chat on the same page never read each other's tokens, and a sign-out of one is not a
// sign-out of the other.
import type { ConvexClient } from "convex/browser";
import { ConvexError } from "convex/values";
import { authApi } from "./api.js";
import { describeError, withTimeout } from "./errors.js";
import { storageNamespace, type KeyValueStorage } from "./storage.js";
import { Store } from "./store.js";
import { TokenStore } from "./token-store.js";

/**
 * Why a sign-in or sign-up failed, as a code the UI words in its language: wrong email or
 * password, an account that already exists (sign-up), a password the server refuses (too short),
 * or anything else (`message` then says what).
 */
export type SignInFailure = "INVALID_CREDENTIALS" | "ACCOUNT_EXISTS" | "WEAK_PASSWORD" | "INVALID_EMAIL" | "FAILED";

/** Where the operator's session stands. */
export type OperatorAuthState =
  | { status: "restoring" }
  | { status: "signed-out"; failure?: SignInFailure; message?: string }
  | { status: "signing-in" }
  | { status: "signed-in" };

export interface PasswordCredentials {
  email: string;
  password: string;
  /** `signUp` creates the account; `signIn` (default) opens a session for an existing one. */
  flow?: "signIn" | "signUp";
  /** Display name for a new account. */
  name?: string;
}

export interface OperatorSessionOptions {
  storage: KeyValueStorage;
  /** Longest a sign-in or refresh may take (default 15 s). */
  timeoutMs?: number;
}

// Not Convex Auth's key names: the visitor's AuthSession (and a host app using Convex Auth) has those.
const JWT_KEY = "__convexChatConsoleJWT";
const REFRESH_TOKEN_KEY = "__convexChatConsoleRefreshToken";
const REFRESH_LOCK = "__convexChatConsoleRefresh";
/**
 * Reads a refused sign-in as a failure code: the app's own validation (ConvexError
 * `INVALID_ARGUMENT` on `email` or `password`), or Convex Auth's plain Errors whose text names
 * the reason.
 */
export function signInFailure(error: unknown): { failure: SignInFailure; message: string } {
  const { code, message } = describeError(error);
  const field = error instanceof ConvexError ? (error.data as { field?: unknown } | null)?.field : undefined;
  if (code === "INVALID_ARGUMENT" && field === "password") return { failure: "WEAK_PASSWORD", message };
  if (code === "INVALID_ARGUMENT" && field === "email") return { failure: "INVALID_EMAIL", message };
  if (/InvalidSecret|InvalidAccountId|Invalid credentials/i.test(message)) return { failure: "INVALID_CREDENTIALS", message };
  if (/already exists/i.test(message)) return { failure: "ACCOUNT_EXISTS", message };
  if (/Invalid password/i.test(message)) return { failure: "WEAK_PASSWORD", message };
  return { failure: "FAILED", message };
}

/**
 * @example
 * const session = new OperatorSession(client, url, { storage: localStorage });
 * session.restore();                       // a stored session signs in again by itself
 * await session.signIn({ email, password });
 * session.state.subscribe((state) => render(state));
 */
export class OperatorSession {
  /** The session's state; `signed-out` carries why the last attempt failed. */
  readonly state = new Store<OperatorAuthState>({ status: "restoring" });
  private readonly tokens: TokenStore;
  private readonly timeoutMs: number;
  private attempt = 0;
  private restored = false;

  constructor(
    private readonly client: ConvexClient,
    private readonly convexUrl: string,
    options: OperatorSessionOptions,
  ) {
    const namespace = storageNamespace(convexUrl);
    this.timeoutMs = options.timeoutMs ?? 15_000;
    const jwt = `${JWT_KEY}_${namespace}`;
    this.tokens = new TokenStore({
      storage: options.storage,
      keys: { jwt, refreshToken: `${REFRESH_TOKEN_KEY}_${namespace}`, lock: `${REFRESH_LOCK}_${jwt}` },
      convexUrl,
      timeoutMs: this.timeoutMs,
    });
  }

  /** Resumes a stored session (once); without one the state becomes `signed-out`. */
  restore(): void {
    if (this.restored) return;
    this.restored = true;
    if (!this.tokens.refreshToken) return this.state.set({ status: "signed-out" });
    const attempt = ++this.attempt;
    void this.authenticate(attempt).catch((error: unknown) => this.failed(attempt, error));
  }

  /** Signs in (or up); resolves once the server accepted the session, or with the state showing why not. */
  async signIn(credentials: PasswordCredentials): Promise<void> {
    const params: Record<string, string> = {
      email: credentials.email.trim(),
      password: credentials.password,
      flow: credentials.flow ?? "signIn",
    };
    if (credentials.name) params.name = credentials.name;
    await this.start("password", params);
  }

  /**
   * Signs in with an operator identity the host's server signed (`operator-identity`:
   * `{ siteKey, operatorId, email, expiresAt, signature }`), replacing any stored session.
   */
  async signInWithIdentity(params: Record<string, unknown>): Promise<void> {
    await this.start("operator-identity", params);
  }

  private async start(provider: string, params: Record<string, unknown>): Promise<void> {
    const attempt = ++this.attempt;
    this.restored = true;
    this.state.set({ status: "signing-in" });
    try {
      const result = await withTimeout(this.client.action(authApi.signIn, { provider, params }), this.timeoutMs, "Signing in");
      if (attempt !== this.attempt) return;
      if (!result.tokens) throw new Error("The server did not start a session.");
      this.tokens.store(result.tokens);
      await this.authenticate(attempt);
    } catch (error) {
      this.failed(attempt, error);
    }
  }

  /** Ends the session on the server (best effort) and forgets the tokens here. */
  async signOut(): Promise<void> {
    const attempt = ++this.attempt;
    if (this.tokens.jwt) {
      await withTimeout(this.client.action(authApi.signOut, {}), this.timeoutMs, "Signing out").catch(() => undefined);
    }
    if (attempt !== this.attempt) return;
    this.tokens.clear();
    this.client.client.clearAuth();
    this.state.set({ status: "signed-out" });
  }

  /** Exchanges the refresh token for a new JWT, once across tabs (see TokenStore.refresh). */
  refresh(): Promise<string> {
    return this.tokens.refresh();
  }

  /** Hands the stored token to the client; settles once the server accepted or refused it. */
  private authenticate(attempt: number): Promise<void> {
    return new Promise((resolve, reject) => {
      this.client.setAuth(this.tokens.fetchToken, (isAuthenticated) => {
        if (attempt !== this.attempt) return resolve();
        if (isAuthenticated) {
          this.state.set({ status: "signed-in" });
          resolve();
        } else {
          // The server refused the stored session for good: the next visit starts at the form.
          this.tokens.clear();
          reject(new Error("The session has ended. Sign in again."));
        }
      });
    });
  }

  private failed(attempt: number, error: unknown): void {
    if (attempt !== this.attempt) return;
    // No session: the client must stop offering (and refreshing) a token the server refused.
    this.client.client.clearAuth();
    const { failure, message } = signInFailure(error);
    this.state.set({ status: "signed-out", failure, message });
  }
}
