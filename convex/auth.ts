import { Anonymous } from "@convex-dev/auth/providers/Anonymous";
import { convexAuth } from "@convex-dev/auth/server";

/**
 * Convex Auth with anonymous visitors only: `auth:signIn({ provider: "anonymous" })` creates a user
 * and returns a JWT + refresh token. Every anonymous sign-in creates a new user.
 */
export const { auth, signIn, signOut, store, isAuthenticated } = convexAuth({
  providers: [Anonymous],
});
