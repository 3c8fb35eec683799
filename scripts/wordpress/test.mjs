// `npm run test:wordpress`: boots a real WordPress and runs, on it, the plugin's PHPUnit tests
// (signer and sanitizer, with the shared test vectors) and the Chromium end-to-end checks
// (integrations/wordpress/tests/wordpress.test.ts; PHPUnit's tests count one by one). Fails with what to install
// when PHP, MariaDB or WordPress are missing: it never skips. Ends with `N passed, N failed`.
import { spawn } from "node:child_process";
import { missingPrerequisites } from "./boot.mjs";

const missing = missingPrerequisites();
if (missing.length > 0) {
  console.error(
    `WordPress tests cannot run: missing ${missing.join(", ")}.\nInstall them with: sudo bash scripts/wordpress/install.sh (CI's .ci/run does).`,
  );
  console.log("wordpress: 0 passed, 1 failed");
  process.exit(1);
}

function run(command, args, env = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ["ignore", "pipe", "inherit"], env: { ...process.env, ...env } });
    let output = "";
    child.stdout.on("data", (chunk) => {
      process.stdout.write(chunk);
      output += chunk;
    });
    child.on("close", (code) => resolve({ code: code ?? 1, output }));
  });
}

const started = Date.now();
let passed = 0;
let failed = 0;
const e2e = await run("node_modules/.bin/vitest", ["run", "--config", "integrations/wordpress/vitest.config.ts"]);
const tests = /Tests\s+(?:\x1b\[[0-9;]*m)*(?:(\d+) failed)?.*?(\d+) passed/.exec(e2e.output.replace(/\x1b\[[0-9;]*m/g, ""));
const e2eFailed = Number(tests?.[1] ?? 0);
passed += Number(tests?.[2] ?? 0);
// The PHPUnit case inside vitest stands for each of its tests.
const phpunit = /OK \((\d+) tests?/.exec(e2e.output);
if (phpunit) passed += Number(phpunit[1]) - 1;
failed += e2eFailed + (e2e.code !== 0 && e2eFailed === 0 ? 1 : 0);
console.log(`WordPress suite took ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(`wordpress: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
