import { defineConfig } from "vitest/config";

// `npm run test:wordpress`: the plugin on a real WordPress (scripts/wordpress/boot.mjs), driven by Chromium.
export default defineConfig({
  test: {
    include: ["integrations/wordpress/tests/**/*.test.ts"],
    environment: "node",
    testTimeout: 90_000,
    hookTimeout: 240_000,
    fileParallelism: false,
  },
});
