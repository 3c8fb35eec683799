// The demo's static server: bad input gets a clear answer and never stops the server.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDemoServer } from "../demo/server.ts";

let demo: Awaited<ReturnType<typeof startDemoServer>>;
const urls = { convexUrl: "http://127.0.0.1:9/", siteUrl: "http://127.0.0.1:10/" };

beforeAll(async () => {
  demo = await startDemoServer({ port: 0, ...urls });
});
afterAll(() => demo?.close());

describe("demo server", () => {
  it("answers 400 to a path that is not valid percent-encoding, and keeps serving", async () => {
    const bad = await fetch(`${demo.url}/%E0`);
    expect(bad.status).toBe(400);
    const page = await fetch(`${demo.url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(urls.convexUrl);
  });

  it("serves nothing outside demo/ and dist/", async () => {
    for (const path of ["/%2e%2e/package.json", "/..%2fpackage.json", "/server.ts"]) {
      expect((await fetch(`${demo.url}${path}`)).status, path).toBe(404);
    }
  });

  it("serves the operators' console at /console with the deployment's URL", async () => {
    for (const path of ["/console", "/console/"]) {
      const page = await fetch(`${demo.url}${path}`);
      expect(page.status, path).toBe(200);
      const html = await page.text();
      expect(html).toContain(`<convex-chat-console convex-url="${urls.convexUrl}"`);
      expect(html).toContain(`src="/dist/convex-chat-console.js"`);
    }
  });

  it("rejects when the port is taken instead of hanging", async () => {
    const port = Number(new URL(demo.url).port);
    await expect(startDemoServer({ port, ...urls })).rejects.toThrow(/EADDRINUSE/);
  });
});
