/**
 * `npm run backend:run -- <module:function> ['<json args>'] [--identity '<json>'] [--url <deployment url>]`:
 * runs any function of a running local backend, internal ones included, the way `npx convex run`
 * does (ConvexHttpClient with the admin key: `POST /api/function`, `Authorization: Convex <key>`),
 * and prints its result. For when `npx convex run` is not wanted; see README, "The local backend".
 * URL: --url, CONVEX_SELF_HOSTED_URL, or http://127.0.0.1:$PORT (3210). Key: CONVEX_SELF_HOSTED_ADMIN_KEY,
 * LOCAL_ADMIN_KEY, or the documented default.
 */
import { parseArgs } from "node:util";
import { ConvexHttpClient } from "convex/browser";
import { makeFunctionReference } from "convex/server";
import { convexToJson, type Value } from "convex/values";
import { localAdminKey } from "./admin-auth.ts";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { url: { type: "string" }, identity: { type: "string" }, help: { type: "boolean", short: "h" } },
});
const [functionName, argsText = "{}"] = positionals;
if (values.help || !functionName || positionals.length > 2) {
  console.error("Usage: npm run backend:run -- <module:function> ['<json args>'] [--identity '<json>'] [--url http://127.0.0.1:3210]");
  process.exit(values.help ? 0 : 2);
}

function parseJson(text: string, what: string): Record<string, Value> {
  try {
    const value = JSON.parse(text) as unknown;
    if (typeof value === "object" && value !== null && !Array.isArray(value)) return value as Record<string, Value>;
  } catch {
    // reported below
  }
  console.error(`${what} must be a JSON object; got ${text}`);
  process.exit(2);
}

const url = values.url ?? process.env.CONVEX_SELF_HOSTED_URL ?? `http://127.0.0.1:${process.env.PORT || 3210}`;
// `setAdminAuth` and `function` are what the CLI uses; they are marked @internal, hence the type.
type AdminClient = {
  setAdminAuth(key: string, actingAs?: Record<string, Value>): void;
  function(ref: unknown, componentPath: string | undefined, args: Record<string, Value>): Promise<Value>;
};
const client = new ConvexHttpClient(url) as unknown as AdminClient;
client.setAdminAuth(
  process.env.CONVEX_SELF_HOSTED_ADMIN_KEY || localAdminKey(),
  values.identity ? parseJson(values.identity, "--identity") : undefined,
);
try {
  const result = await client.function(makeFunctionReference(functionName), undefined, parseJson(argsText, "The arguments"));
  if (result !== null) console.log(JSON.stringify(convexToJson(result), null, 2));
} catch (e) {
  const error = e as Error & { data?: Value };
  console.error(
    `Failed to run function "${functionName}":\n${error.message}${error.data !== undefined ? `\n${JSON.stringify(convexToJson(error.data))}` : ""}`,
  );
  process.exit(1);
}
