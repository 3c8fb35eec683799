// What `npm publish` would ship: builds (`npm run build`: Vite, then the declarations), packs the
// package, unpacks the tarball as an installed dependency and checks it from the outside: the files
// that must be in and those that must not, every `exports` target and its types, the framework-free
// core without Lit, and a consumer's TypeScript resolving every entry through `exports`.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "..");
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
  exports: Record<string, string | { types?: string; default: string }>;
  files: string[];
  sideEffects: string[];
  customElements: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  private?: boolean;
};

let packed: string[];
// Inside the repository's node_modules, so the unpacked package finds lit, convex and react the
// way an app's node_modules would provide them.
let scratch: string;
let installed: string;

function run(command: string, args: string[], cwd = root): string {
  const result = spawnSync(command, args, { cwd, encoding: "utf8", shell: false });
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

beforeAll(() => {
  // `npm test` has built already (CONVEX_CHAT_BUILT), once for every suite.
  if (process.env.CONVEX_CHAT_BUILT !== "1") run("npm", ["run", "build"]);
  mkdirSync(join(root, "node_modules/.cache"), { recursive: true });
  scratch = mkdtempSync(join(root, "node_modules/.cache/package-test-"));
  // --ignore-scripts: prepack would build a second time.
  const [report] = JSON.parse(run("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", scratch])) as Array<{
    filename: string;
    files: Array<{ path: string }>;
  }>;
  packed = report.files.map((file) => file.path);
  installed = join(scratch, "node_modules/convex-chat");
  mkdirSync(installed, { recursive: true });
  execFileSync("tar", ["-xzf", join(scratch, report.filename), "-C", installed, "--strip-components=1"]);
}, 120_000);

afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

/** Every file an `exports` entry names, with its condition. */
function exportTargets(): Array<{ entry: string; condition: string; file: string }> {
  return Object.entries(pkg.exports).flatMap(([entry, target]) =>
    typeof target === "string"
      ? [{ entry, condition: "default", file: target }]
      : Object.entries(target).map(([condition, file]) => ({ entry, condition, file: file })),
  );
}

/** The bare imports a module reaches through its relative imports, in the unpacked package. */
function bareImportsReached(entry: string, seen = new Set<string>()): Set<string> {
  const bare = new Set<string>();
  if (seen.has(entry)) return bare;
  seen.add(entry);
  const code = readFileSync(entry, "utf8");
  for (const [, specifier] of code.matchAll(/(?:\bfrom|\bimport)\s*\(?\s*"([^"]+)"/g)) {
    if (specifier.startsWith(".")) {
      for (const name of bareImportsReached(resolve(dirname(entry), specifier), seen)) bare.add(name);
    } else bare.add(specifier);
  }
  return bare;
}

describe("the npm package", () => {
  it("is publishable: not private, MIT, convex and convex-test pinned exactly", () => {
    expect(pkg.private).toBeUndefined();
    expect(existsSync(join(root, "LICENSE"))).toBe(true);
    // The local backend runs on convex-test's internals: upgrades go through its tests, not a range.
    expect(pkg.dependencies.convex).toMatch(/^\d+\.\d+\.\d+$/);
    expect(pkg.devDependencies["convex-test"]).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it("ships the builds, the types, the manifest, README, LICENSE and CHANGELOG", () => {
    for (const file of [
      "package.json",
      "README.md",
      "LICENSE",
      "CHANGELOG.md",
      "custom-elements.json",
      "dist/convex-chat.js",
      "dist/convex-chat-widget.js",
      "dist/convex-chat-console.js",
      "dist/lib/index.js",
      "dist/lib/define.js",
      "dist/lib/core.js",
      "dist/lib/console.js",
      "dist/lib/define-console.js",
      "dist/lib/react.js",
      "dist/lib/react-console.js",
      "dist/es/index.js",
      "dist/es/define.js",
      "dist/es/console.js",
      "dist/es/define-console.js",
      "dist/types/index.d.ts",
      "dist/types/core/index.d.ts",
      "dist/types/react/index.d.ts",
      "dist/types/convex-chat/convex-chat.d.ts",
    ]) {
      expect(packed, file).toContain(file);
    }
  });

  it("ships no sources, tests, backend, demo, scripts or screenshots", () => {
    const forbidden =
      /^(widget|convex|local-backend|demo|scripts|bench|e2e|docs|node_modules)\/|\.test\.|\.tsx?$(?<!\.d\.ts)|^tsconfig|^vite\.config|\.png$/;
    expect(packed.filter((file) => forbidden.test(file))).toEqual([]);
    // Source maps only for the package's modules (with their sources inside), not the large bundles.
    expect(packed.filter((file) => file.endsWith(".map") && !file.startsWith("dist/lib/"))).toEqual([]);
  });

  it("has every exports target, types included, in the tarball", () => {
    for (const { entry, condition, file } of exportTargets()) {
      expect(packed, `${entry} (${condition})`).toContain(file.replace(/^\.\//, ""));
    }
    for (const [entry, target] of Object.entries(pkg.exports)) {
      if (typeof target !== "string" && target.default.endsWith(".js")) expect(target.types, entry).toMatch(/\.d\.ts$/);
    }
    expect(packed).toContain(pkg.customElements.replace(/^\.\//, ""));
  });

  it("marks exactly the registering modules as side effects", () => {
    for (const file of pkg.sideEffects) expect(packed, file).toContain(file.replace(/^\.\//, ""));
    const pure = ["./dist/lib/index.js", "./dist/lib/core.js", "./dist/lib/console.js"];
    for (const file of pure) expect(pkg.sideEffects).not.toContain(file);
    for (const file of pure) expect(readFileSync(join(installed, file), "utf8")).not.toMatch(/customElements\.define/);
  });

  it("leaves lit, convex and react to the app (imported, not bundled) in dist/lib", () => {
    const reached = [...bareImportsReached(join(installed, "dist/lib/index.js"))];
    expect(reached).toEqual(expect.arrayContaining(["lit", "convex/browser"]));
    expect(readFileSync(join(installed, "dist/lib/react.js"), "utf8")).toMatch(/from\s*"react"/);
    // A bundled copy of Lit would carry its version stamp.
    const bundles = packed.filter((file) => file.startsWith("dist/lib/") && file.endsWith(".js"));
    for (const file of bundles) expect(readFileSync(join(installed, file), "utf8"), file).not.toMatch(/litElementVersions/);
  });

  it("keeps the core framework-free: no Lit reached, importable in Node without a DOM", () => {
    const reached = [...bareImportsReached(join(installed, "dist/lib/core.js"))];
    expect(reached.filter((name) => name === "lit" || name.startsWith("lit/") || name.startsWith("@lit/"))).toEqual([]);
    const names = run(
      process.execPath,
      ["--input-type=module", "-e", `const core = await import("convex-chat/core"); console.log(Object.keys(core).sort().join(","))`],
      scratch,
    );
    expect(names.trim().split(",")).toEqual(
      expect.arrayContaining(["ReplyStream", "AuthSession", "getDeployment", "chatApi", "MarkdownRenderer", "OperatorSession"]),
    );
  });

  it("resolves every entry's types for a TypeScript consumer (bundler and Node16 resolution)", () => {
    writeFileSync(join(scratch, "package.json"), JSON.stringify({ name: "consumer", type: "module", private: true }));
    writeFileSync(
      join(scratch, "consumer.ts"),
      `
import { ConvexChat, ConvexChatSendEvent } from "convex-chat";
import { tagName } from "convex-chat/define";
import { ReplyStream, getDeployment, type ChatMessage } from "convex-chat/core";
import { ConvexChatConsole } from "convex-chat/console";
import { consoleTagName } from "convex-chat/console/define";
import { ConvexChat as ReactChat, type ConvexChatProps } from "convex-chat/react";
import { ConvexChatConsole as ReactConsole } from "convex-chat/react/console";
import type { ConvexChatGlobal } from "convex-chat/convex-chat.js";

const element: ConvexChat = document.createElement(tagName);
const url: string = element.convexUrl;
const consoleElement: ConvexChatConsole = document.createElement(consoleTagName);
const props: ConvexChatProps = { siteKey: "shop", onSend: (event) => void (event satisfies ConvexChatSendEvent) };
// @ts-expect-error siteKey is a string
const wrong: ConvexChatProps = { siteKey: 1 };
declare const api: ConvexChatGlobal;
export { url, consoleElement, props, wrong, api, ReplyStream, getDeployment, ReactChat, ReactConsole };
export type { ChatMessage };
`,
    );
    for (const [module, moduleResolution] of [
      ["ESNext", "Bundler"],
      ["Node16", "Node16"],
    ]) {
      writeFileSync(
        join(scratch, "tsconfig.json"),
        JSON.stringify({
          compilerOptions: {
            target: "ES2022",
            lib: ["ES2023", "DOM", "DOM.Iterable"],
            module,
            moduleResolution,
            strict: true,
            noEmit: true,
            skipLibCheck: false,
            types: [],
            jsx: "react-jsx",
          },
          files: ["consumer.ts"],
        }),
      );
      run(join(root, "node_modules/.bin/tsc"), ["-p", scratch]);
    }
  });
});
