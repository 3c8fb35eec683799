/**
 * A request that reaches the backend while it is still starting (listening, loading the app) is
 * answered once it is ready, on both ports, instead of hanging.
 */
import { createServer } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { startLocalBackend, type LocalBackend } from "../src/index.ts";

const fixtureDir = path.join(path.dirname(fileURLToPath(import.meta.url)), "fixture", "convex");
let backend: LocalBackend | undefined;
afterAll(async () => {
  await backend?.close();
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
      .listen(0, "127.0.0.1", () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      })
      .once("error", reject);
  });
}

/** Fetches `url` as soon as something accepts connections there; resolves to the status. */
async function firstAnswer(url: string, stop: () => boolean): Promise<number> {
  for (;;) {
    try {
      return (await fetch(url, { signal: AbortSignal.timeout(20_000) })).status;
    } catch (e) {
      const code = (e as { cause?: { code?: string } }).cause?.code;
      if (code !== "ECONNREFUSED" || stop()) throw e;
      await new Promise((r) => setTimeout(r, 2));
    }
  }
}

describe("startup", () => {
  it("answers requests that arrive while it starts", async () => {
    const port = await freePort();
    const sitePort = await freePort();
    let started = false;
    const starting = startLocalBackend({ convexDir: fixtureDir, port, sitePort, log: () => {} }).then((b) => {
      started = true;
      return (backend = b);
    });
    const [version, route] = await Promise.all([
      firstAnswer(`http://127.0.0.1:${port}/version`, () => started),
      firstAnswer(`http://127.0.0.1:${sitePort}/log`, () => started),
    ]);
    await starting;
    expect(version).toBe(200);
    expect(route).toBe(200);
  });
});
