/**
 * The app's functions on convex-test: loads `convex/` unmodified, registers its components,
 * resolves public functions like a deployment does, and watches the commit timestamp.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { existsSync } from "node:fs";
import path from "node:path";
import { convexTest } from "convex-test";
import { makeFunctionReference, type UserIdentity } from "convex/server";
import type { Value } from "convex/values";
import { discoverComponents } from "./components.ts";
import { RequestError } from "./errors.ts";
import { runExecution, type BackendScope } from "./execution.ts";
import { createTokenVerifier, type AuthProvider, type TokenVerifier } from "./identity.ts";
import { discoverFunctionModules, importFile, moduleNames, type ModulesMap } from "./modules.ts";
import { installJournalHook } from "./sync/journal.ts";
import { canonicalizeUdfPath } from "./sync/protocol-types.ts";
import { installRandomIds } from "./random-ids.ts";
import { installSearchOverIndexedDocuments } from "./search-documents.ts";
import { installTableIds } from "./table-ids.ts";
import { installWriteHooks, WriteStats } from "./write-stats.ts";

export type FunctionKind = "query" | "mutation" | "action";
type Accessor = ReturnType<typeof convexTest>;
type RegisteredFunction = { isPublic?: boolean; isQuery?: boolean; isMutation?: boolean; isAction?: boolean };

const KIND_NAME = { query: "Query", mutation: "Mutation", action: "Action" } as const;
const KIND_LETTER = { query: "Q", mutation: "M", action: "A" } as const;
const COMMIT_POLL_MS = 25;

async function importDefault(file: string): Promise<any> {
  return (await importFile(file)()).default;
}

function firstExisting(dir: string, names: string[]): string | undefined {
  return names.map((n) => path.join(dir, n)).find((f) => existsSync(f));
}

/** Loads the app. Call after the environment (auth keys, site URL) is in process.env. */
export async function createRuntime(opts: { convexDir: string; siteUrl: string; log: (line: string) => void }) {
  const convexDir = path.resolve(opts.convexDir);
  if (!existsSync(convexDir)) throw new Error(`No Convex folder at ${convexDir}`);
  const modules: ModulesMap = discoverFunctionModules(convexDir);
  const names = moduleNames(modules, convexDir);
  const byName = new Map(
    Object.entries(modules).map(([file, load]) => [
      path
        .relative(convexDir, file)
        .split(path.sep)
        .join("/")
        .replace(/\.[^./]+$/, ""),
      load,
    ]),
  );

  const schemaFile = firstExisting(convexDir, ["schema.ts", "schema.js"]);
  const schema = schemaFile ? await importDefault(schemaFile) : undefined;
  const t = convexTest(schema, modules);
  installRandomIds(t);
  // Before the search override, which reads tables through _iterateDocs as it finds it.
  installTableIds(t);
  installSearchOverIndexedDocuments(t);
  for (const c of await discoverComponents(convexDir)) t.registerComponent(c.name, c.schema, c.modules);
  installWriteHooks();
  installJournalHook();
  // Function output printed to the log must leave the function's context (execution.ts, and
  // convex-test's no-timers-in-transactions overrides): run it where the backend was started.
  const inHostContext = AsyncLocalStorage.snapshot();
  const backend: BackendScope = {
    stats: new WriteStats(),
    printLog: (line) => inHostContext(() => opts.log(line)),
  };

  const authConfigFile = firstExisting(convexDir, ["auth.config.ts", "auth.config.js"]);
  const providers: AuthProvider[] = authConfigFile ? ((await importDefault(authConfigFile))?.providers ?? []) : [];
  const verifyToken: TokenVerifier = createTokenVerifier(providers, opts.siteUrl, process.env.JWKS);

  const accessors = new WeakMap<UserIdentity, Accessor>();
  const accessor = (identity: UserIdentity | null): Accessor => {
    if (!identity) return t;
    let a = accessors.get(identity);
    if (!a) accessors.set(identity, (a = t.withIdentity(identity) as Accessor));
    return a;
  };

  /**
   * Checks that `udfPath` names a public function (of `kind`, when given), as a deployment does
   * before running anything. Internal functions are reported as not found, like there, unless
   * `admin` (a call with the admin key, as `npx convex run` makes).
   */
  async function resolvePublic(udfPath: string, kind?: FunctionKind, admin = false): Promise<{ canonical: string; kind: FunctionKind }> {
    const canonical = canonicalizeUdfPath(udfPath);
    const [moduleName, exportName] = canonical.split(":");
    const notFound = () =>
      new RequestError(
        `Could not find ${admin ? "" : "public "}function for '${canonical}'. Did you forget to run \`npx convex dev\` or \`npx convex deploy\`?`,
      );
    const load = names.has(moduleName) ? byName.get(moduleName) : undefined;
    if (!load) throw notFound();
    const fn = (await load())[exportName] as RegisteredFunction | undefined;
    if (!fn || (!fn.isPublic && !admin)) throw notFound();
    const actual: FunctionKind | undefined = fn.isQuery ? "query" : fn.isMutation ? "mutation" : fn.isAction ? "action" : undefined;
    if (!actual) throw notFound();
    if (kind && actual !== kind) {
      throw new RequestError(`Trying to execute ${canonical} as ${KIND_NAME[kind]}, but it is defined as ${KIND_NAME[actual]}.`);
    }
    return { canonical, kind: actual };
  }

  /**
   * Runs a public function as `identity` (null = anonymous). Its console output is collected in
   * `logLines` when given (for the client), otherwise printed to the log. `admin` (the admin key
   * was presented) also runs internal functions.
   */
  async function run(
    kind: FunctionKind | undefined,
    udfPath: string,
    args: Record<string, Value>,
    identity: UserIdentity | null,
    logLines?: string[],
    admin = false,
  ): Promise<Value> {
    const { canonical, kind: actual } = await resolvePublic(udfPath, kind, admin);
    const a = accessor(identity);
    const ref = makeFunctionReference<any>(canonical);
    return runExecution(
      backend,
      `${KIND_LETTER[actual]}(${canonical})`,
      async () => {
        if (actual === "query") return (await a.query(ref, args)) as Value;
        if (actual === "mutation") return (await a.mutation(ref, args)) as Value;
        return (await a.action(ref, args)) as Value;
      },
      logLines,
    );
  }

  /** The last commit's timestamp (unix ns); 0 before the first commit. */
  function snapshotTs(): Promise<bigint> {
    return t.query(async (ctx) => ctx.meta.getSnapshotTs());
  }

  // One poller for the whole backend, running only while someone listens: convex-test has no
  // change feed, and writes also come from streams and scheduled functions outside any request.
  const listeners = new Set<(ts: bigint) => void>();
  let lastSeenTs = 0n;
  let timer: NodeJS.Timeout | undefined;
  let polling = false;
  let closed = false;
  const schedulePoll = () => {
    polling = !closed && listeners.size > 0;
    if (polling) (timer = setTimeout(poll, COMMIT_POLL_MS)).unref();
  };
  const poll = async () => {
    try {
      const ts = await snapshotTs();
      if (ts !== lastSeenTs) {
        lastSeenTs = ts;
        for (const l of listeners) l(ts);
      }
    } catch {
      // A failed probe is retried on the next tick.
    }
    schedulePoll();
  };

  return {
    verifyToken,
    resolvePublic,
    run,
    snapshotTs,
    /**
     * Runs a mutation as the operator (`npx convex run`): internal ones included, no identity.
     * In-process only: nothing on the network reaches it. Output goes to the log.
     */
    runAsAdmin(udfPath: string, args: Record<string, Value> = {}): Promise<Value> {
      const canonical = canonicalizeUdfPath(udfPath);
      return runExecution(
        backend,
        `M(${canonical})`,
        async () => (await t.mutation(makeFunctionReference<"mutation">(canonical), args)) as Value,
      );
    },
    /**
     * Runs an action as the operator (`npx convex run`), internal ones included, no identity: e.g.
     * `operators:createOwner`, which hashes a password. In-process only, like runAsAdmin.
     */
    runActionAsAdmin(udfPath: string, args: Record<string, Value> = {}): Promise<Value> {
      const canonical = canonicalizeUdfPath(udfPath);
      return runExecution(
        backend,
        `A(${canonical})`,
        async () => (await t.action(makeFunctionReference<"action">(canonical), args)) as Value,
      );
    },
    /** Runs the http router as `identity`; `pathAndQuery` must start with "/". Output goes to the log. */
    fetch(pathAndQuery: string, init: RequestInit, identity: UserIdentity | null): Promise<Response> {
      const origin = `H(${init.method ?? "GET"} ${pathAndQuery.split("?")[0]})`;
      return runExecution(backend, origin, () => accessor(identity).fetch(pathAndQuery, init));
    },
    /** Write transactions and documents written since start (see write-stats.ts). */
    stats: () => backend.stats.snapshot(),
    /** Calls `listener(ts)` after commits (polled); returns the unsubscribe function. */
    onCommit(listener: (ts: bigint) => void): () => void {
      listeners.add(listener);
      if (!polling) schedulePoll();
      return () => void listeners.delete(listener);
    },
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      listeners.clear();
    },
  };
}

export type Runtime = Awaited<ReturnType<typeof createRuntime>>;
