import { v, type Infer } from "convex/values";

/**
 * A site's abuse limits, each optional: an unset field takes {@link DEFAULT_LIMITS}. Stored on the
 * `sites` table (`limits`) and set by the operator with the internal site functions.
 */
export const siteLimitsValidator = v.object({
  /** Messages one visitor may send per minute (token bucket refill rate). */
  visitorMessagesPerMinute: v.optional(v.number()),
  /** Messages one visitor may send in quick succession before the per-minute pace applies (bucket capacity). */
  visitorBurst: v.optional(v.number()),
  /** Messages all visitors of one site may send per minute together. */
  siteMessagesPerMinute: v.optional(v.number()),
  /** Anonymous sign-ins (new visitors) one site may create per minute. */
  siteSignInsPerMinute: v.optional(v.number()),
  /** Most visitor messages one conversation may hold (each gets one reply). */
  maxMessagesPerConversation: v.optional(v.number()),
  /** Most conversations one visitor may start on one site. */
  maxConversationsPerVisitor: v.optional(v.number()),
  /**
   * Tokens (about 4 characters of reply each) this site's replies may generate per day, under the
   * deployment's `DAILY_TOKEN_BUDGET`: one site's flood cannot spend every site's replies.
   */
  dailyTokenBudget: v.optional(v.number()),
  /**
   * New sessions one signed customer (one site + customer id) may open per hour: a leaked or
   * replayed signature cannot mint sessions without end. Also bounds a signed-in visitor's own.
   */
  customerSessionsPerHour: v.optional(v.number()),
  /**
   * Failed signed-identity sign-ins (bad or expired signatures, customers and operators together)
   * the site answers per minute; past it they are refused `RATE_LIMITED`. Valid signatures always pass.
   */
  identityFailuresPerMinute: v.optional(v.number()),
});
export type SiteLimits = Infer<typeof siteLimitsValidator>;

/** Every limit filled in. */
export type ResolvedLimits = Required<SiteLimits>;

/** The limits a site gets when it sets none (documented in the README). */
export const DEFAULT_LIMITS: ResolvedLimits = {
  visitorMessagesPerMinute: 10,
  visitorBurst: 3,
  siteMessagesPerMinute: 300,
  // The widget signs in when a page with it loads, so this is new visitors' page loads. It bounds
  // the users a script can create, not who gets in: one script can keep it spent (README, "Abuse
  // limits"). 600 (10 a second) keeps real traffic spikes clear of it; lower it where that matters.
  siteSignInsPerMinute: 600,
  // 100 messages + 100 replies: chat:listMessages (200 newest) still returns a whole conversation.
  maxMessagesPerConversation: 100,
  maxConversationsPerVisitor: 50,
  // An eighth of the deployment's default budget: one site's visitors (or a script on its public
  // key) can spend at most that, so at the defaults seven other sites still get replies.
  dailyTokenBudget: 250_000,
  // The widget keeps a session per browser and signs in again only without one (a new device, a
  // cleared storage, after signing out): 20 an hour is far above a real customer's need.
  customerSessionsPerHour: 20,
  // A host that signs correctly never fails; a few failures a second leave room for clock skew
  // and stale pages while a script guessing signatures gets refusals.
  identityFailuresPerMinute: 60,
};

/** A site's limits with the defaults filled in for every unset field. */
export function resolveLimits(limits: SiteLimits | undefined): ResolvedLimits {
  const resolved = { ...DEFAULT_LIMITS };
  for (const key of Object.keys(DEFAULT_LIMITS) as (keyof ResolvedLimits)[]) {
    const value = limits?.[key];
    if (value !== undefined) resolved[key] = value;
  }
  return resolved;
}

/**
 * The local demo site's limits (sites:ensureDemoSite): generous, because development pages, browser
 * tests and the load script (many visitors at once, fast sends) all share that one site. Tests of
 * the limits themselves create sites with small limits.
 */
export const DEMO_SITE_LIMITS: ResolvedLimits = {
  visitorMessagesPerMinute: 600,
  visitorBurst: 100,
  siteMessagesPerMinute: 100_000,
  siteSignInsPerMinute: 100_000,
  maxMessagesPerConversation: DEFAULT_LIMITS.maxMessagesPerConversation,
  maxConversationsPerVisitor: 1_000,
  // The deployment's budget (DAILY_TOKEN_BUDGET) is the demo's only daily bound.
  dailyTokenBudget: 1_000_000_000,
  customerSessionsPerHour: 10_000,
  identityFailuresPerMinute: 10_000,
};

/**
 * The demo site's longest reply in tokens (its `model.maxOutputTokens`): above the default 1,024,
 * because tests and benchmarks ask the offline responder for replies of up to 20,000 characters.
 */
export const DEMO_MAX_OUTPUT_TOKENS = 8192;

/**
 * The deployment's limits on its auth paths (not per site: a refresh and a staff sign-up know no
 * site). Each reads its env var at call time, so a deployment (or one test) can change it.
 */
export type AuthLimits = {
  /** Refreshes one session may make per hour (env `SESSION_REFRESHES_PER_HOUR`). */
  sessionRefreshesPerHour: number;
  /** Staff password sign-ups (new accounts) the whole deployment takes per minute (env `PASSWORD_SIGN_UPS_PER_MINUTE`). */
  passwordSignUpsPerMinute: number;
  /** New sessions one staff user (password or signed operator) may open per hour (env `STAFF_SESSIONS_PER_HOUR`). */
  staffSessionsPerHour: number;
};

/** The auth limits when their env vars are unset (documented in the README). */
export const DEFAULT_AUTH_LIMITS: AuthLimits = {
  // A session's JWT lives an hour and the widget refreshes shortly before it expires (tabs share
  // one refresh): about one an hour. 30 leaves room for retries and many tabs; one refresh chain
  // used to add a document every 16 ms.
  sessionRefreshesPerHour: 30,
  // Staff sign up once each; 30 a minute lets a team onboard together and stops a script from
  // creating accounts (and their Scrypt hashing) without end.
  passwordSignUpsPerMinute: 30,
  staffSessionsPerHour: 20,
};

/** A limit from env `name`: a number >= 0, else `fallback` (blank counts as unset). */
function envLimit(name: string, fallback: number): number {
  const raw = process.env[name]?.trim();
  if (!raw) return fallback;
  const configured = Number(raw);
  return Number.isFinite(configured) && configured >= 0 ? configured : fallback;
}

/** The deployment's auth limits, env vars over {@link DEFAULT_AUTH_LIMITS}. */
export function authLimits(): AuthLimits {
  return {
    sessionRefreshesPerHour: envLimit("SESSION_REFRESHES_PER_HOUR", DEFAULT_AUTH_LIMITS.sessionRefreshesPerHour),
    passwordSignUpsPerMinute: envLimit("PASSWORD_SIGN_UPS_PER_MINUTE", DEFAULT_AUTH_LIMITS.passwordSignUpsPerMinute),
    staffSessionsPerHour: envLimit("STAFF_SESSIONS_PER_HOUR", DEFAULT_AUTH_LIMITS.staffSessionsPerHour),
  };
}
