// Library build of the widget and the operators' console:
//   dist/convex-chat.js          IIFE for a plain <script> tag (Lit and the Convex client inside; embed.ts)
//   dist/convex-chat-console.js  IIFE that registers <convex-chat-console> (its own bundle: the
//                                visitor's script carries not one byte of the console)
//   dist/es/index.js             ES module API (no side effects), dist/es/define.js registers the element;
//   dist/es/console.js, dist/es/define-console.js the same for the console
// Plugins (scripts/): css`` literals minified in both builds; in the IIFE only, Lit's globals made
// bundle-local (the script tag adds no global but window.ConvexChat).
// Decorators: Vite's TypeScript transform honours tsconfig.json's experimentalDecorators only for
// files the tsconfig includes (it includes widget/), otherwise raw `@property` would ship.
import { resolve } from "node:path";
import { build, defineConfig, type Plugin, type UserConfig } from "vite";
import { minifyCssLiterals } from "./scripts/css-literals-plugin.ts";
import { litGlobalsLocal } from "./scripts/lit-globals-plugin.ts";

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
        plugins: [minifyCssLiterals()],
        build: {
          outDir: resolve(root, "dist/es"),
          emptyOutDir: true,
          sourcemap: true,
          lib: {
            entry: { index: src("index.ts"), define: src("define.ts"), console: src("console-index.ts"), "define-console": src("define-console.ts") },
            formats: ["es"],
          },
        },
      });
    },
  };
}

/** After the script-tag bundle, builds the console's own script into dist/convex-chat-console.js. */
function consoleScriptBuild(): Plugin {
  return {
    name: "convex-chat-console-build",
    apply: "build",
    async closeBundle() {
      await build({
        ...shared,
        configFile: false,
        plugins: [minifyCssLiterals(), litGlobalsLocal()],
        build: {
          outDir: resolve(root, "dist"),
          emptyOutDir: false,
          sourcemap: true,
          lib: { entry: src("define-console.ts"), name: "ConvexChatConsole", formats: ["iife"], fileName: () => "convex-chat-console.js" },
          rolldownOptions: { output: { charset: "ascii" } },
        },
      });
    },
  };
}

export default defineConfig({
  ...shared,
  logLevel: "info",
  // litGlobalsLocal only here, not in the ES build: the script tag adds no global but
  // window.ConvexChat, while an app importing the ES build shares Lit's registries as Lit intends.
  plugins: [minifyCssLiterals(), litGlobalsLocal(), esModuleBuild(), consoleScriptBuild()],
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
    // A classic script is decoded in the host page's charset when the server names none: ASCII
    // (non-ASCII as \u escapes) keeps "…", "é" and the like intact on a windows-1252 page.
    rolldownOptions: { output: { charset: "ascii" } },
  },
});
