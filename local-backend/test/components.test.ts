/**
 * Component discovery from the app's convex.config.ts, including a component that uses a child
 * component itself (the rate limiter's batch worker; rag's workpool and its batch worker), which
 * convex-test registers by path.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";
import { discoverComponents } from "../src/components.ts";

const convexDir = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "convex");

it("registers every component the app uses, child components under their parent's name", async () => {
  const components = await discoverComponents(convexDir);
  expect(components.map((c) => c.name).sort()).toEqual([
    "persistentTextStreaming",
    "rag",
    "rag/workpool",
    "rag/workpool/batchWorker",
    "rateLimiter",
    "rateLimiter/batchWorker",
  ]);
  // One module of each component's functions.
  const functionsModule: Record<string, string> = { rag: "entries.js" };
  for (const component of components) {
    const files = Object.keys(component.modules).map((file) => path.basename(file));
    // Its functions and its _generated folder (how convex-test finds the root), never its config.
    expect(files).toContain(functionsModule[component.name] ?? "lib.js");
    expect(Object.keys(component.modules).some((file) => file.includes(`${path.sep}_generated${path.sep}`))).toBe(true);
    expect(files.some((file) => file.startsWith("convex.config."))).toBe(false);
    expect(component.schema).toBeDefined();
  }
});
