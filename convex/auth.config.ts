// Tokens are issued by this deployment's own Convex Auth (see auth.ts); the issuer is its site URL.
export default {
  providers: [
    {
      domain: process.env.CONVEX_SITE_URL,
      applicationID: "convex",
    },
  ],
};
