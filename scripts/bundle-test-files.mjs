// A web-test-runner plugin that serves each browser test file as one esbuild bundle of everything it
// imports. Unbundled, every test page loads about 230 modules (the widget's, Lit's, Convex's
// client), each its own request and compilation, in a fresh browser context (no shared cache):
// about a second of CPU per file before its first test. The dev server still serves the widget's
// source files (the loader's lazy import, the host pages).
//
// A bundle's source map is built only when asked for: wtr fetches it to name the source lines of a
// failure or a log's stack. Inline, it made each bundle four times larger (6 MB instead of 1.5 MB),
// to be built, sent, copied and scanned on every page for a map read only on failure.
import { createHash } from "node:crypto";
import { basename, dirname, join } from "node:path";
import { build } from "esbuild";

/** Paths that only the dev server knows (its web socket for `executeServerCommand`): left as imports. */
const devServerPaths = {
  name: "dev-server-paths",
  setup(bundler) {
    bundler.onResolve({ filter: /^\// }, (args) => (args.kind === "entry-point" ? undefined : { path: args.path, external: true }));
  },
};

const MAP_SUFFIX = ".bundle.map";

/** @param {{ rootDir?: string, tsconfig: string }} options */
export function bundleTestFilesPlugin({ rootDir = process.cwd(), tsconfig }) {
  /** Served bundles by the test file's URL path: a hash of their code, to check a map built later against. */
  const served = new Map();
  const hash = (text) => createHash("sha256").update(text).digest("hex");

  const bundle = (file, sourcemap) =>
    build({
      entryPoints: [file],
      bundle: true,
      format: "esm",
      target: "es2022",
      write: false,
      sourcemap,
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
  const code = (result) => result.outputFiles.find((output) => output.path.endsWith(".js")).text;

  return {
    name: "convex-chat-bundle-test-files",
    // After the esbuild plugin's per-file transform: a test file's answer is replaced by its bundle.
    async transform(context) {
      if (!context.path.endsWith(".test.ts")) return undefined;
      const body = code(await bundle(join(rootDir, context.path), false));
      served.set(context.path, hash(body));
      return { body: `${body}//# sourceMappingURL=${basename(context.path)}${MAP_SUFFIX}\n` };
    },
    // The map of a served bundle, from a build with a map of the same code (else none: a map of
    // other code would name wrong lines).
    async serve(context) {
      if (!context.path.endsWith(MAP_SUFFIX)) return undefined;
      const testPath = context.path.slice(0, -MAP_SUFFIX.length);
      const servedHash = served.get(testPath);
      if (servedHash === undefined) return undefined;
      const result = await bundle(join(rootDir, testPath), "external");
      if (hash(code(result)) !== servedHash) return undefined;
      return { body: result.outputFiles.find((output) => output.path.endsWith(".map")).text, type: "json" };
    },
  };
}
