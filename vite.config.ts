// Library build of the widget:
//   dist/convex-chat.js   IIFE for a plain <script> tag (Lit and the Convex client inside; embed.ts)
//   dist/es/index.js      ES module API (no side effects), dist/es/define.js registers the element
// Decorators: Vite's TypeScript transform honours tsconfig.json's experimentalDecorators only for
// files the tsconfig includes (it includes widget/), otherwise raw `@property` would ship.
import { resolve } from "node:path";
import { build, defineConfig, type Plugin, type UserConfig } from "vite";

const root = import.meta.dirname;
const src = (file: string) => resolve(root, "widget/src", file);

const shared: UserConfig = {
  // Lib mode leaves process.env alone; the Convex client reads NODE_ENV.
  define: { "process.env.NODE_ENV": JSON.stringify("production") },
  // Always Lit's production build: Vite picks the "development" export condition whenever
  // NODE_ENV is not "production" (vitest sets "test"), which would ship Lit's dev mode.
  resolve: { conditions: ["module", "browser", "production"] },
  logLevel: "warn",
};

/** After the script-tag bundle, builds the ES module entries into dist/es/. */
function esModuleBuild(): Plugin {
  return {
    name: "convex-chat-es-build",
    apply: "build",
    async closeBundle() {
      await build({
        ...shared,
        configFile: false,
        build: {
          outDir: resolve(root, "dist/es"),
          emptyOutDir: true,
          sourcemap: true,
          lib: { entry: { index: src("index.ts"), define: src("define.ts") }, formats: ["es"] },
        },
      });
    },
  };
}

export default defineConfig({
  ...shared,
  logLevel: "info",
  plugins: [esModuleBuild()],
  build: {
    outDir: resolve(root, "dist"),
    emptyOutDir: true,
    sourcemap: true,
    lib: {
      entry: src("embed.ts"),
      name: "ConvexChatEmbed",
      formats: ["iife"],
      fileName: () => "convex-chat.js",
    },
  },
});
