// Library build of the widget and the operators' console:
//   dist/convex-chat.js          the <script> tag's loader (IIFE, loader.ts, ~2 KB gzip): draws the
//                                launcher and loads the widget beside it on the visitor's intent
//   dist/convex-chat-widget.js   the widget for the script tag (IIFE: Lit and the Convex client inside;
//                                embed.ts), loaded by the loader or by a tag of its own
//   dist/convex-chat-console.js  IIFE that registers <convex-chat-console> (its own bundle: the
//                                visitor's script carries not one byte of the console)
//   dist/es/index.js             ES module API (no side effects), dist/es/define.js registers the element;
//   dist/es/console.js, dist/es/define-console.js the same for the console; dist/es/ is
//                                self-contained (Lit and the Convex client inside) for a
//                                <script type="module"> with no bundler
//   dist/lib/                    the npm package's modules (package.json "exports"): the same entries
//                                plus core, react and react/console, with lit, convex, react and
//                                @lit/react left as imports so an app's bundler keeps one copy of each
//   (dist/types/ comes from tsc: tsconfig.build.json; `npm run build` runs both)
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
            entry: {
              index: src("index.ts"),
              define: src("define.ts"),
              console: src("console-index.ts"),
              "define-console": src("define-console.ts"),
            },
            formats: ["es"],
          },
        },
      });
    },
  };
}

/** The package's dependencies and peer dependencies: imported, never bundled, in dist/lib/. */
const isDependency = (id: string) => /^(lit|convex|react|react-dom|@lit\/react)(\/|$)/.test(id);

/** After the script-tag bundle, builds the npm package's modules into dist/lib/. */
function packageBuild(): Plugin {
  return {
    name: "convex-chat-package-build",
    apply: "build",
    async closeBundle() {
      await build({
        ...shared,
        configFile: false,
        plugins: [minifyCssLiterals()],
        build: {
          outDir: resolve(root, "dist/lib"),
          emptyOutDir: true,
          sourcemap: true,
          lib: {
            entry: {
              index: src("index.ts"),
              define: src("define.ts"),
              core: src("core/index.ts"),
              console: src("console-index.ts"),
              "define-console": src("define-console.ts"),
              react: src("react/index.ts"),
              "react-console": src("react/console.ts"),
            },
            formats: ["es"],
          },
          rolldownOptions: { external: isDependency },
        },
      });
    },
  };
}

/**
 * After the loader, builds one more classic-script bundle into dist/: Lit and the Convex client
 * inside, Lit's globals bundle-local.
 */
function scriptBuild(name: string, entry: string, globalName: string, fileName: string): Plugin {
  return {
    name,
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
          lib: { entry: src(entry), name: globalName, formats: ["iife"], fileName: () => fileName },
          // See the loader's build below.
          rolldownOptions: { output: { charset: "ascii" } },
        },
      });
    },
  };
}

export default defineConfig({
  ...shared,
  logLevel: "info",
  // The loader has no Lit. litGlobalsLocal in the widget's script, not in the ES build: the script
  // tag adds no global but window.ConvexChat, while an app importing the ES build shares Lit's
  // registries as Lit intends.
  plugins: [
    // The widget the loader loads, and the console's own script (the visitor's carries none of it).
    scriptBuild("convex-chat-widget-build", "embed.ts", "ConvexChatEmbed", "convex-chat-widget.js"),
    esModuleBuild(),
    packageBuild(),
    scriptBuild("convex-chat-console-build", "define-console.ts", "ConvexChatConsole", "convex-chat-console.js"),
  ],
  build: {
    outDir: resolve(root, "dist"),
    emptyOutDir: true,
    sourcemap: true,
    lib: {
      entry: src("loader.ts"),
      name: "ConvexChatLoader",
      formats: ["iife"],
      fileName: () => "convex-chat.js",
    },
    // A classic script is decoded in the host page's charset when the server names none: ASCII
    // (non-ASCII as \u escapes) keeps "…", "é" and the like intact on a windows-1252 page.
    rolldownOptions: { output: { charset: "ascii" } },
  },
});
