// Starts scripts/backend-child.ts in a child process and resolves with its URLs.
import { spawn } from "node:child_process";
import { createWriteStream } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

/**
 * @param {{ port?: number, sitePort?: number, env?: Record<string, string>, logFile?: string }} [options]
 *   port 0 (default) picks free ports; `env` is the deployment's environment (e.g. OFFLINE_TOKEN_DELAY_MS);
 *   the backend's log goes to `logFile` (default: inherited stderr).
 * @returns {Promise<{ url: string, siteUrl: string, close(): Promise<void>,
 *   runMutation(name: string, args: object): Promise<unknown>, runAction(name: string, args: object): Promise<unknown> }>}
 *   `runMutation` runs any (internal) mutation, e.g. `sites:update`; `runAction` any action, e.g. `knowledge:seedPages`.
 */
export function spawnBackend(options = {}) {
  const env = { ...process.env, ...options.env, BACKEND_PORT: String(options.port ?? 0) };
  if (options.sitePort !== undefined) env.BACKEND_SITE_PORT = String(options.sitePort);
  const child = spawn(process.execPath, ["--import", "tsx", join(root, "scripts/backend-child.ts")], {
    cwd: root,
    env,
    stdio: ["pipe", "pipe", options.logFile ? "pipe" : "inherit", "ipc"],
  });
  // The channel must not keep this process alive (the child's stdin closing on our exit stops it).
  child.channel?.unref();
  const calls = new Map();
  let lastCall = 0;
  child.on("message", ({ id, value, error }) => {
    const call = calls.get(id);
    calls.delete(id);
    if (error === undefined) call?.resolve(value);
    else call?.reject(new Error(error));
  });
  const call = (kind) => (name, args) =>
    new Promise((resolve, reject) => {
      const id = ++lastCall;
      calls.set(id, { resolve, reject });
      child.send({ id, name, args, kind });
    });
  const runMutation = call("mutation");
  const runAction = call("action");
  if (options.logFile) child.stderr.pipe(createWriteStream(options.logFile));
  const exited = new Promise((resolve) => child.once("exit", resolve));
  const close = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    await exited;
  };
  return new Promise((resolve, reject) => {
    let output = "";
    const onData = (chunk) => {
      output += chunk;
      const line = output.split("\n").find((l) => l.startsWith("{"));
      if (!line) return;
      child.stdout.off("data", onData);
      child.stdout.resume();
      resolve({ ...JSON.parse(line), close, runMutation, runAction });
    };
    child.stdout.setEncoding("utf8").on("data", onData);
    child.once("exit", (code) => reject(new Error(`The local backend exited (${code}) before listening:\n${output}`)));
  });
}
