// A web-test-runner plugin that serves each browser test file as one esbuild bundle of everything it
// imports. Unbundled, every test page loads about 230 modules (the widget's, Lit's, Convex's
// client), each its own request and compilation, in a fresh browser context (no shared cache):
// about a second of CPU per file before its first test. The dev server still serves the widget's
// source files (the loader's lazy import, the host pages).
import { dirname, join } from "node:path";
import { build } from "esbuild";

/** Paths that only the dev server knows (its web socket for `executeServerCommand`): left as imports. */
const devServerPaths = {
  name: "dev-server-paths",
  setup(bundler) {
    bundler.onResolve({ filter: /^\// }, (args) => (args.kind === "entry-point" ? undefined : { path: args.path, external: true }));
  },
};

/** @param {{ rootDir?: string, tsconfig: string }} options */
export function bundleTestFilesPlugin({ rootDir = process.cwd(), tsconfig }) {
  return {
    name: "convex-chat-bundle-test-files",
    // After the esbuild plugin's per-file transform: a test file's answer is replaced by its bundle.
    async transform(context) {
      if (!context.path.endsWith(".test.ts")) return undefined;
      const file = join(rootDir, context.path);
      const result = await build({
        entryPoints: [file],
        bundle: true,
        format: "esm",
        target: "es2022",
        write: false,
        sourcemap: "inline",
        // Where the bundle is served from: the map's sources are relative to it (stack traces of
        // failures name the right files).
        outdir: dirname(file),
        // As the modules run unbundled: every import evaluated (package.json's `sideEffects` lists
        // the published files, not the sources), nothing dropped as pure.
        ignoreAnnotations: true,
        tsconfig: join(rootDir, tsconfig),
        plugins: [devServerPaths],
        logLevel: "silent",
      });
      return { body: result.outputFiles[0].text };
    },
  };
}
