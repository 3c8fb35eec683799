// Anonymous Convex Auth session for one deployment, shared by every element on the page. Tokens
// live only in the storage handed in (never in a URL: sign-in, refresh and sign-out are POSTs or
// WebSocket messages, and HTTP requests carry the JWT in an Authorization header).
// Mirrors @convex-dev/auth's React client (same storage keys, refresh call and cross-tab lock) so a
// host page using Convex Auth itself shares the session, and adds what a widget needs: every
// sign-in or refresh is timed out, and failures end in a retryable error state rather than a client
// whose socket stays paused on a token that never comes (convex-js #181).
import type { ConvexClient } from "convex/browser";
import { authApi, chatApi } from "./api.js";
import { describeError, withTimeout } from "./errors.js";
import { ANONYMOUS_SUBJECT, sessionSubject, signInArgs, type HostIdentity } from "./host-identity.js";
import { storageNamespace, type KeyValueStorage } from "./storage.js";
import { Store } from "./store.js";
import { TokenStore } from "./token-store.js";

/**
 * Said to the visitor once after a session the server refused was replaced by itself:
 * `new-visitor` when an anonymous visitor continues as a new one (their history stayed with the
 * old session). A signed identity signs in again as the same customer and is told nothing.
 */
export type SessionNotice = "new-visitor";

/** Where the session stands; `error` carries a message for the visitor and is cleared by `retry()`. */
export type AuthState = { status: "signing-in" } | { status: "signed-in" } | { status: "error"; message: string };

export interface AuthSessionOptions {
  storage: KeyValueStorage;
  /** Longest a sign-in or refresh call may take before the session reports an error (default 15 s). */
  timeoutMs?: number;
  /**
   * The storage is about to hold another visitor's session (another signed identity, or a stored
   * session of another subject): what the previous visitor left must not be used as theirs.
   */
  onVisitorChange?: () => void;
}

// Convex Auth's own keys (suffixed with the namespace) and lock name.
const JWT_KEY = "__convexAuthJWT";
const REFRESH_TOKEN_KEY = "__convexAuthRefreshToken";
const REFRESH_LOCK = "__convexAuthRefreshToken";
// Ours: who the stored session is for (anonymous, or a signed customer of a site).
const SUBJECT_KEY = "__convexChatSessionSubject";

/**
 * Signs the visitor in anonymously on a site and keeps the client authenticated.
 *
 * @example
 * const session = new AuthSession(client, url, { storage: localStorage });
 * session.state.subscribe((state) => console.log(state.status));
 * session.start("my-site-key");
 */
export class AuthSession {
  /** The session's state; follow it to enable or disable UI. */
  readonly state = new Store<AuthState>({ status: "signing-in" });
  /** What to tell the visitor after a refused session was replaced (cleared by `dismissNotice()`). */
  readonly notice = new Store<SessionNotice | undefined>(undefined);
  /** A refused session is being replaced: a second refusal ends in an error, not a loop. */
  private recovering = false;
  private readonly storage: KeyValueStorage;
  private readonly tokens: TokenStore;
  private readonly timeoutMs: number;
  private attempt = 0;
  private started = false;
  private lastError: string | undefined;
  /** The site new visitors sign in on (the server counts anonymous sign-ins per site). */
  private siteKey = "";
  /** The host's signed customer identity, when the page has one (else anonymous). */
  private identity: HostIdentity | undefined;
  private readonly subjectKey: string;
  private readonly onVisitorChange: () => void;

  constructor(
    private readonly client: ConvexClient,
    private readonly convexUrl: string,
    options: AuthSessionOptions,
  ) {
    const namespace = storageNamespace(convexUrl);
    this.storage = options.storage;
    this.subjectKey = `${SUBJECT_KEY}_${namespace}`;
    this.timeoutMs = options.timeoutMs ?? 15_000;
    this.tokens = new TokenStore({
      storage: options.storage,
      keys: { jwt: `${JWT_KEY}_${namespace}`, refreshToken: `${REFRESH_TOKEN_KEY}_${namespace}`, lock: REFRESH_LOCK },
      convexUrl,
      timeoutMs: this.timeoutMs,
      alsoClear: [this.subjectKey],
      onRefreshFailed: (error) => (this.lastError = describeError(error).message),
    });
    this.onVisitorChange = options.onVisitorChange ?? (() => undefined);
  }

  /**
   * Begins signing in on the site `siteKey` (once; later calls do nothing, except that a session
   * that failed for want of a site key tries again with the first one given).
   */
  start(siteKey = "", identity?: HostIdentity): void {
    if (siteKey && !this.siteKey) {
      this.siteKey = siteKey;
      if (this.started && this.state.value.status === "error") this.retry();
    }
    // A signed identity given or changed (the host's customer logged in or out) is another visitor.
    const changed = sessionSubject(this.siteKey, identity) !== sessionSubject(this.siteKey, this.identity);
    this.identity = identity;
    if (this.started && changed) return void this.signIn();
    if (this.started) return;
    this.started = true;
    void this.signIn();
  }

  /**
   * Ends this visitor's session: tells the server (best effort: the tokens are forgotten here
   * whatever it answers), clears the stored tokens, and signs in again: as a new anonymous
   * visitor, or with the page's signed identity when it still passes one.
   *
   * With `erase`, the server first erases the visitor's data (`chat:eraseMyData`: every session
   * ends, then their conversations and the visitor are deleted). That call is not best effort: when
   * it fails this rejects and nothing else changes, so the host can tell the visitor.
   */
  async signOut({ erase = false }: { erase?: boolean } = {}): Promise<void> {
    if (erase && this.tokens.jwt) {
      await withTimeout(this.client.mutation(chatApi.eraseMyData, {}), this.timeoutMs, "Erasing the visitor's data");
    }
    const attempt = ++this.attempt;
    this.state.set({ status: "signing-in" });
    if (this.tokens.jwt) {
      await withTimeout(this.client.action(authApi.signOut, {}), this.timeoutMs, "Signing out").catch(() => undefined);
    }
    if (attempt !== this.attempt) return;
    this.tokens.clear();
    this.started = true;
    await this.signIn();
  }

  /** The visitor has read the notice (or sent a message): it is not shown again. */
  dismissNotice(): void {
    this.notice.set(undefined);
  }

  /** Signs in again after an error. */
  retry(): void {
    this.recovering = false;
    this.started = true;
    void this.signIn();
  }

  /**
   * A JWT valid for at least the next half minute, for authenticated HTTP requests; a refreshed
   * one when `forceRefresh` (the server refused the last).
   */
  token(forceRefresh = false): Promise<string> {
    return this.tokens.token(forceRefresh);
  }

  /** Exchanges the refresh token for a new JWT, once across tabs (see TokenStore.refresh). */
  refresh(): Promise<string> {
    return this.tokens.refresh();
  }

  private async signIn(): Promise<void> {
    // If this is the most recent attempt, its outcome decides the state; older ones are ignored.
    const attempt = ++this.attempt;
    this.lastError = undefined;
    this.state.set({ status: "signing-in" });
    try {
      const subject = sessionSubject(this.siteKey, this.identity);
      const storedSubject = this.storage.getItem(this.subjectKey);
      if (storedSubject !== subject) {
        // Only a stored session of someone else is another visitor; no session at all is nobody.
        const hasSession = this.tokens.jwt || this.tokens.refreshToken;
        if (hasSession && (storedSubject ?? ANONYMOUS_SUBJECT) !== subject) {
          this.tokens.clear();
          this.onVisitorChange();
        }
        // The storage is the new subject's from now on: a retried sign-in must not clear again.
        this.storage.setItem(this.subjectKey, subject);
      }
      if (!this.tokens.jwt && !this.tokens.refreshToken) {
        const result = await withTimeout(
          this.client.action(authApi.signIn, signInArgs(this.siteKey, this.identity)),
          this.timeoutMs,
          "Signing in",
        );
        if (!result.tokens) throw new Error("The server did not start a session.");
        if (attempt !== this.attempt) return;
        this.tokens.store(result.tokens);
        this.storage.setItem(this.subjectKey, subject);
      }
      await withTimeout(this.authenticate(attempt), this.timeoutMs, "Signing in");
    } catch (error) {
      if (attempt === this.attempt) this.fail(error);
    }
  }

  /** Hands the token to the client; settles once the server has accepted or refused it. */
  private authenticate(attempt: number): Promise<void> {
    return new Promise((resolve) => {
      this.client.setAuth(this.tokens.fetchToken, (isAuthenticated) => {
        if (attempt !== this.attempt) return;
        if (isAuthenticated) {
          this.recovering = false;
          this.state.set({ status: "signed-in" });
        } else if (!this.recovering && !this.tokens.refreshToken) {
          // The server refused the session for good (expired, revoked, a backend that forgot it):
          // the refusal already cleared the tokens. Asking the visitor to press Retry would only
          // fail again, so start a new session now.
          this.recoverFromRefusal();
        } else {
          this.fail(new Error(this.lastError ?? "The server did not accept the session."));
        }
        resolve();
      });
    });
  }

  /**
   * Replaces a session the server refused: a signed identity signs in again as the same customer
   * (their conversations follow them); an anonymous visitor becomes a new visitor, since nothing
   * can prove they are the old one: what the old one left is forgotten, and they are told, once.
   */
  private recoverFromRefusal(): void {
    this.recovering = true;
    if (!this.identity) {
      this.onVisitorChange();
      this.notice.set("new-visitor");
    }
    void this.signIn();
  }

  private fail(error: unknown): void {
    this.state.set({ status: "error", message: describeError(error).message });
  }
}
