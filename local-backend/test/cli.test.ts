/**
 * `npm run backend` itself (`node --import tsx local-backend/src/cli.ts`), as a child process: it prints both
 * URLs, the real ConvexClient works against them, and SIGTERM stops it with exit code 0; it seeds
 * the sites of LOCAL_SITES_FILE, and the operator commands (`npx convex run` with the admin key,
 * `npm run backend:run`) work against it offline.
 */
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { promisify } from "node:util";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { anyApi } from "convex/server";
import { newClient, signInAnonymously, waitFor } from "./helpers.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
let child: ChildProcess | undefined;

afterAll(() => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
});

describe("npm run backend", () => {
  it("prints both URLs, serves the real ConvexClient on them, and exits 0 on SIGTERM", async () => {
    // The same command as package.json's "backend" script; port 0 picks free ports for both. Node
    // itself, not the tsx CLI: that one relays a signal only if its child confirms it within 30 ms,
    // and otherwise kills it (exit 143), which a loaded machine does not always meet.
    const sitesFile = path.join(mkdtempSync(path.join(tmpdir(), "local-sites-")), "sites.json");
    writeFileSync(sitesFile, JSON.stringify([{ key: "shop", name: "Shop", allowedOrigins: ["http://localhost:8080"], enabled: true }]));
    const proc = (child = spawn(process.execPath, ["--import", "tsx", "local-backend/src/cli.ts", "--port", "0"], {
      cwd: root,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, LOCAL_SITES_FILE: sitesFile },
    }));
    let stdout = "";
    let stderr = "";
    proc.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    proc.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => proc.once("exit", (code) => resolve(code)));

    const urls = await waitFor(
      () => {
        const url = /deployment URL \(sync API\): (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout)?.[1];
        const siteUrl = /site URL \(http routes\): +(http:\/\/127\.0\.0\.1:\d+)/.exec(stdout)?.[1];
        if (proc.exitCode !== null) throw new Error(`the backend exited early (${proc.exitCode}): ${stderr}`);
        return url && siteUrl ? { url, siteUrl } : undefined;
      },
      () => true,
      "the backend to print its URLs",
      60_000,
    );
    expect(urls.siteUrl).not.toBe(urls.url);

    const client = newClient(urls.url);
    try {
      const token = await signInAnonymously(client);
      expect(await client.query(anyApi.chat.listConversations, { siteKey: "demo" })).toEqual([]);
      const refused = await fetch(`${urls.siteUrl}/chat-stream?site=demo`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}x`, "content-type": "application/json" },
        body: JSON.stringify({ streamId: "none" }),
      });
      expect(refused.status).toBe(401);
    } finally {
      await client.close();
    }
    expect(stdout).toContain("sites from LOCAL_SITES_FILE: shop");

    // The README's operator commands, offline: the Convex CLI against the local backend's admin key…
    const adminKey = /admin key \(npx convex run\): (\S+)/.exec(stdout)?.[1];
    expect(adminKey).toBeTruthy();
    const offline = { ...process.env, CONVEX_SELF_HOSTED_URL: urls.url, CONVEX_SELF_HOSTED_ADMIN_KEY: adminKey, CONVEX_DEPLOYMENT: "" };
    const run = promisify(execFile);
    const viaCli = await run(path.join(root, "node_modules/.bin/convex"), ["run", "sites:get", '{"key":"shop"}'], {
      cwd: root,
      env: offline,
    });
    expect(JSON.parse(viaCli.stdout)).toMatchObject({ key: "shop", name: "Shop", enabled: true });
    await run(path.join(root, "node_modules/.bin/convex"), ["run", "sites:update", '{"key":"shop","name":"Shop 2"}'], {
      cwd: root,
      env: offline,
    });
    // …and the same path without the Convex CLI.
    const viaScript = await run(
      path.join(root, "node_modules/.bin/tsx"),
      ["local-backend/src/run-function.ts", "sites:get", '{"key":"shop"}', "--url", urls.url],
      { cwd: root },
    );
    expect(JSON.parse(viaScript.stdout)).toMatchObject({ key: "shop", name: "Shop 2" });

    proc.kill("SIGTERM");
    expect(await exited, `stderr: ${stderr}`).toBe(0);
  });
});
