// Site staff sign in with Convex Auth's Password provider (id "password"): email and password,
// no email verification in v1. Passwords are hashed with Scrypt (lucia, pure JS: it runs in the
// Convex runtime and the local backend alike; ~250 ms per hash or check on a busy 2-core machine).
import { Password } from "@convex-dev/auth/providers/Password";
import type { DataModel } from "../_generated/dataModel";
import { invalidArgument } from "./errors";

/** The provider id Convex Auth's Password provider registers (`auth:signIn({ provider: "password" })`). */
export const PASSWORD_PROVIDER = "password";
/** Shortest and longest password accepted at sign-up (longer ones only cost hashing time). */
export const PASSWORD_LENGTH = { min: 8, max: 256 } as const;
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** An email as stored and compared: trimmed, lower case (`Owner@Shop.example` is `owner@shop.example`). */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** A normalised email, or `INVALID_ARGUMENT` on `email`. */
export function requireEmail(value: unknown): string {
  const email = typeof value === "string" ? normaliseEmail(value) : "";
  if (email.length > 254 || !EMAIL_PATTERN.test(email)) throw invalidArgument("email", "Enter a valid email address.");
  return email;
}

/**
 * `auth:signIn({ provider: "password", params: { email, password, flow: "signIn" | "signUp", name? } })`.
 * The profile is built here, from email and name only: whatever else a client sends (a `siteId`,
 * `isAnonymous`) never reaches the user, so a password user is never bound to a site as a visitor
 * is (lib/visitorSite.ts refuses them on every site) and can only act through operator rows.
 */
export const StaffPassword = Password<DataModel>({
  profile: (params) => {
    const name = typeof params.name === "string" ? params.name.trim().slice(0, 80) : "";
    return { email: requireEmail(params.email), ...(name ? { name } : {}) };
  },
  validatePasswordRequirements: (password) => {
    if (password.length < PASSWORD_LENGTH.min || password.length > PASSWORD_LENGTH.max) {
      throw invalidArgument("password", `A password needs ${PASSWORD_LENGTH.min} to ${PASSWORD_LENGTH.max} characters.`);
    }
  },
});
