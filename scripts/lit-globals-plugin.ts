// Build plugin for the script-tag bundle only: Lit's shared registries become bundle-local.
//
// Lit writes a few properties on globalThis so that several copies of Lit on one page can see each
// other (version lists for its "multiple versions" dev warning, and the decorator metadata map),
// and polyfills Symbol.metadata. The script tag runs on someone else's page and promises to add no
// global but `window.ConvexChat` (issue 4), so in the IIFE these become properties of one object
// that only the bundle can reach. The ES build keeps Lit's behaviour: it is part of an app's own
// bundle, often next to the app's own Lit, where the shared registries are what Lit expects.
//
// The rewrite is textual on Lit's published production modules, which reach globalThis directly
// or through a local alias (`const a = globalThis; … a.litHtmlVersions`), so it matches
// `<identifier>.<name>` and the bare name. The build fails when a name is no longer found (a Lit
// upgrade changed how it shares it: look again), and when Lit's development build is bundled.
import type { Plugin } from "vite";

/** Lit's globals, as Lit 3.3 (lit-html 3.3, lit-element 4.2, @lit/reactive-element 2.1) names them. */
const LIT_GLOBALS = ["litPropertyMetadata", "reactiveElementVersions", "litElementVersions", "litHtmlVersions"];
const LOCALS_ID = "\0convex-chat:lit-locals";
const LOCALS = "__convexChatLitLocals";
/** `globalThis.name`, `alias.name` or bare `name`; not `a.b.name` and not part of a longer word. */
const GLOBAL_USE = new RegExp(`(?<![\\w$.])(?:[A-Za-z_$][\\w$]*\\.)?(${LIT_GLOBALS.join("|")})(?![\\w$])`, "g");
/** Lit's polyfill (`Symbol.metadata ??= Symbol("metadata")`) and its reads of Symbol.metadata. */
const METADATA_POLYFILL = /Symbol\.metadata\s*\?\?=\s*Symbol\(\s*["']metadata["']\s*\)\s*,?/g;
const METADATA_USE = /(?<![\w$.])Symbol\.metadata(?![\w$])/g;
const LIT_MODULE = /\/node_modules\/(?:lit|lit-html|lit-element|@lit\/reactive-element)\//;

/** Rewrites Lit's globalThis registries into a bundle-local object (see the file comment). */
export function litGlobalsLocal(): Plugin {
  const rewritten = new Set<string>();
  return {
    name: "convex-chat-lit-globals-local",
    apply: "build",
    buildStart() {
      rewritten.clear();
    },
    resolveId(id) {
      return id === LOCALS_ID ? id : null;
    },
    load(id) {
      // The native Symbol.metadata when the browser has one, so Lit reads what decorators write.
      return id === LOCALS_ID ? `export const ${LOCALS} = { metadata: Symbol.metadata ?? Symbol("metadata") };` : null;
    },
    transform(code, id) {
      if (!LIT_MODULE.test(id)) return null;
      if (id.includes("/development/")) this.error(`Lit's development build was bundled (${id}); check resolve.conditions.`);
      let changed = false;
      const local = code
        .replace(GLOBAL_USE, (_use, name: string) => {
          changed = true;
          rewritten.add(name);
          return `${LOCALS}.${name}`;
        })
        .replace(METADATA_POLYFILL, () => ((changed = true), ""))
        .replace(METADATA_USE, () => ((changed = true), `${LOCALS}.metadata`));
      if (!changed) return null;
      // Appended (imports hoist) so that Lit's lines keep their numbers in the source map.
      return { code: `${local}\nimport { ${LOCALS} } from "${LOCALS_ID}";\n`, map: null };
    },
    buildEnd(error) {
      const missing = LIT_GLOBALS.filter((name) => !rewritten.has(name));
      if (!error && missing.length)
        this.error(`Lit no longer uses globalThis.${missing.join(", ")} as expected: review scripts/lit-globals-plugin.ts.`);
    },
  };
}
