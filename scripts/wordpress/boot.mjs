// Boots a real WordPress on loopback for the tests: the copy scripts/wordpress/install.sh
// unpacked, a MariaDB of its own (temporary datadir, unix socket, no network), PHP's built-in
// server with a few workers, and WordPress's own installer. Everything lives in a temp folder
// that close() removes.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync, createWriteStream } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const WP_HOME_DIR = process.env.CONVEX_CHAT_WP_HOME ?? "/opt/convex-chat-wordpress";
const INSTALL_HINT = "run `sudo bash scripts/wordpress/install.sh` (CI's .ci/run does) to install PHP, MariaDB, PHPUnit and WordPress";

const which = (command) => spawnSync("sh", ["-c", `command -v ${command}`]).status === 0;

/** What is missing to boot WordPress here (empty when nothing is). */
export function missingPrerequisites() {
  const missing = ["php", "mariadbd", "mariadb-install-db", "mariadb", "phpunit", "zip"].filter((command) => !which(command));
  if (which("php") && !/^mysqli$/m.test(spawnSync("php", ["-m"], { encoding: "utf8" }).stdout)) missing.push("php-mysql");
  if (!existsSync(join(WP_HOME_DIR, "wordpress/wp-settings.php"))) missing.push(`WordPress in ${WP_HOME_DIR}`);
  return missing;
}

/** Throws a clear error naming what to install when something is missing. */
export function requirePrerequisites() {
  const missing = missingPrerequisites();
  if (missing.length > 0) throw new Error(`WordPress tests cannot run: missing ${missing.join(", ")}; ${INSTALL_HINT}.`);
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer().once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitUntil(check, what, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function runOrThrow(command, args, options = {}) {
  const result = spawnSync(command, args, { encoding: "utf8", ...options });
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

/**
 * @param {{ port?: number, port?: number, config?: Record<string, string|boolean>, admin?: { user: string, password: string, email: string } }} options
 *   `config`: extra wp-config.php constants (e.g. CONVEX_CHAT_IDENTITY_SECRET).
 * @returns {Promise<{ url: string, dir: string, admin: { user: string, password: string, email: string },
 *   php(code: string): string, bootMs: number, close(): Promise<void> }>}
 */
export async function bootWordPress(options = {}) {
  requirePrerequisites();
  const started = Date.now();
  const root = mkdtempSync(join(tmpdir(), "convex-chat-wp-"));
  const dir = join(root, "wordpress");
  const socket = join(root, "mysqld.sock");
  const children = [];
  const log = createWriteStream(join(root, "boot.log"));
  const close = async () => {
    for (const child of children.reverse()) {
      if (child.exitCode !== null) continue;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      // The whole group: PHP's server forks its workers, which would outlive their parent.
      const signal = (name) => {
        try {
          process.kill(-child.pid, name);
        } catch {
          /* gone */
        }
      };
      signal("SIGTERM");
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
      signal("SIGKILL");
    }
    log.end();
    if (!process.env.KEEP_WORDPRESS) rmSync(root, { recursive: true, force: true });
  };
  try {
    cpSync(join(WP_HOME_DIR, "wordpress"), dir, { recursive: true });
    const asRoot = process.getuid?.() === 0 ? ["--user=root"] : [];
    runOrThrow("mariadb-install-db", [
      "--no-defaults",
      `--datadir=${join(root, "db")}`,
      ...asRoot,
      "--auth-root-authentication-method=normal",
      "--skip-test-db",
    ]);
    const db = spawn(
      "mariadbd",
      [
        "--no-defaults",
        `--datadir=${join(root, "db")}`,
        `--socket=${socket}`,
        "--skip-networking",
        "--skip-grant-tables",
        "--skip-log-bin",
        "--innodb-buffer-pool-size=32M",
        `--pid-file=${join(root, "mysqld.pid")}`,
        ...asRoot,
      ],
      { stdio: ["ignore", "pipe", "pipe"], detached: true },
    );
    children.push(db);
    db.stdout.pipe(log, { end: false });
    db.stderr.pipe(log, { end: false });
    await waitUntil(async () => spawnSync("mariadb", ["--no-defaults", "-S", socket, "-e", "SELECT 1"]).status === 0, "MariaDB");
    runOrThrow("mariadb", ["--no-defaults", "-S", socket, "-e", "CREATE DATABASE wordpress"]);

    const port = options.port ?? (await freePort());
    const url = `http://127.0.0.1:${port}`;
    const constants = {
      DB_NAME: "wordpress",
      DB_USER: "root",
      DB_PASSWORD: "",
      DB_HOST: `localhost:${socket}`,
      DB_CHARSET: "utf8mb4",
      DB_COLLATE: "",
      WP_HOME: url,
      WP_SITEURL: url,
      // Offline and quiet: no calls to wordpress.org, no cron requests to itself, no update checks.
      WP_HTTP_BLOCK_EXTERNAL: true,
      DISABLE_WP_CRON: true,
      AUTOMATIC_UPDATER_DISABLED: true,
      WP_AUTO_UPDATE_CORE: false,
      FS_METHOD: "direct",
      WP_DEBUG: true,
      WP_DEBUG_LOG: join(root, "debug.log"),
      WP_DEBUG_DISPLAY: false,
      ...Object.fromEntries(
        ["AUTH_KEY", "SECURE_AUTH_KEY", "LOGGED_IN_KEY", "NONCE_KEY", "AUTH_SALT", "SECURE_AUTH_SALT", "LOGGED_IN_SALT", "NONCE_SALT"].map(
          (name) => [name, randomBytes(32).toString("hex")],
        ),
      ),
      ...options.config,
    };
    const php = (value) => (typeof value === "boolean" ? String(value) : `'${String(value).replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`);
    writeFileSync(
      join(dir, "wp-config.php"),
      `<?php\n${Object.entries(constants)
        .map(([k, v]) => `define( '${k}', ${php(v)} );`)
        .join("\n")}
$table_prefix = 'wp_';
if ( ! defined( 'ABSPATH' ) ) { define( 'ABSPATH', __DIR__ . '/' ); }
require_once ABSPATH . 'wp-settings.php';\n`,
    );

    const server = spawn("php", ["-S", `127.0.0.1:${port}`, "-t", dir], {
      cwd: dir,
      env: { ...process.env, PHP_CLI_SERVER_WORKERS: "4" },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    children.push(server);
    server.stdout.pipe(log, { end: false });
    server.stderr.pipe(log, { end: false });
    await waitUntil(async () => (await fetch(`${url}/readme.html`)).ok, "PHP's server");

    const admin = options.admin ?? { user: "admin", password: randomBytes(12).toString("hex"), email: "admin@wp.test" };
    const install = await fetch(`${url}/wp-admin/install.php?step=2`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        weblog_title: "Convex Chat test shop",
        user_name: admin.user,
        admin_password: admin.password,
        admin_password2: admin.password,
        pw_weak: "1",
        admin_email: admin.email,
        blog_public: "0",
        language: "",
      }),
    });
    const installed = await install.text();
    if (!install.ok || !/Success!|wp-login\.php/.test(installed))
      throw new Error(`WordPress's installer failed (${install.status}): ${installed.slice(0, 500)}`);

    /** Runs PHP with WordPress loaded (as WP-CLI's `eval` would); returns what it printed. */
    const phpEval = (code) =>
      runOrThrow(
        "php",
        ["-d", "display_errors=stderr", "-r", `$_SERVER['HTTP_HOST'] = '127.0.0.1:${port}'; require '${dir}/wp-load.php'; ${code}`],
        { cwd: dir },
      );
    return { url, dir, admin, php: phpEval, bootMs: Date.now() - started, close };
  } catch (error) {
    await close();
    throw error;
  }
}
