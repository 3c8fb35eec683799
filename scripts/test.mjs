// `npm test`: type-checks, lints (ESLint, knip), then runs the Node suites (vitest: Convex functions, local backend
// protocol, end to end), the browser suites (web-test-runner in headless Chromium) and the WordPress
// suite (a real WordPress with the plugin: scripts/wordpress/test.mjs), and ends with
// one line `N passed, N failed` that CI reads. Each suite still runs when an earlier one failed, so
// one run shows every failure.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const bin = (name) => join("node_modules", ".bin", name);
const scratch = mkdtempSync(join(tmpdir(), "convex-chat-test-"));

/** Runs a command with inherited stdio, tee-ing stdout so its summary can be parsed. */
function run(command, args) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ["ignore", "pipe", "inherit"] });
    let output = "";
    child.stdout.on("data", (chunk) => {
      process.stdout.write(chunk);
      output += chunk;
    });
    child.on("close", (code) => resolve({ code: code ?? 1, output }));
  });
}

const suites = [
  {
    // Three projects, each with its own globals: the widget (browser), Convex functions, Node code.
    name: "typecheck",
    async run() {
      let failed = 0;
      for (const project of ["widget", "convex", "."]) {
        // TypeScript 7 by its own path: `typescript` is v6 (the API typescript-eslint loads), and both ship a `tsc`.
        const { code } = await run(join("node_modules", "@typescript", "native", "bin", "tsc"), ["-p", project]);
        if (code !== 0) failed++;
      }
      return { passed: 3 - failed, failed };
    },
  },
  {
    // ESLint (eslint.config.js) and the unused-code check (knip.json). Formatting (prettier --check) is
    // not a suite yet: `npm run format:check` once the code has been formatted.
    name: "lint",
    async run() {
      let failed = 0;
      for (const tool of ["eslint", "knip"]) {
        const { code } = await run(bin(tool), tool === "eslint" ? ["."] : []);
        if (code !== 0) failed++;
      }
      return { passed: 2 - failed, failed };
    },
  },
  {
    name: "vitest",
    async run() {
      const report = join(scratch, "vitest.json");
      const { code } = await run(bin("vitest"), [
        "run", "--reporter=default", "--reporter=json", `--outputFile.json=${report}`,
      ]);
      if (!existsSync(report)) return { passed: 0, failed: 1 };
      const json = JSON.parse(readFileSync(report, "utf8"));
      // A test file that failed to load has no tests but counts as a failure.
      const brokenFiles = json.testResults.filter((f) => f.status === "failed" && f.assertionResults.length === 0).length;
      const failed = json.numFailedTests + brokenFiles + (code !== 0 && json.numFailedTests + brokenFiles === 0 ? 1 : 0);
      return { passed: json.numPassedTests, failed };
    },
  },
  {
    name: "browser",
    async run() {
      const { code, output } = await run(bin("wtr"), []);
      const lines = [...output.matchAll(/^wtr: (\d+) passed, (\d+) failed$/gm)];
      const last = lines.at(-1);
      if (!last) return { passed: 0, failed: 1 };
      const failed = Number(last[2]) + (code !== 0 && last[2] === "0" ? 1 : 0);
      return { passed: Number(last[1]), failed };
    },
  },
  {
    // A real WordPress with the plugin (scripts/wordpress/test.mjs); fails, saying what to
    // install, when PHP, MariaDB or WordPress are missing.
    name: "wordpress",
    async run() {
      const { code, output } = await run(process.execPath, ["scripts/wordpress/test.mjs"]);
      const last = [...output.matchAll(/^wordpress: (\d+) passed, (\d+) failed$/gm)].at(-1);
      if (!last) return { passed: 0, failed: 1 };
      const failed = Number(last[2]) + (code !== 0 && last[2] === "0" ? 1 : 0);
      return { passed: Number(last[1]), failed };
    },
  },
];

let passed = 0;
let failed = 0;
for (const suite of suites) {
  console.log(`\n── ${suite.name} ──`);
  const result = await suite.run();
  console.log(`── ${suite.name}: ${result.passed} passed, ${result.failed} failed`);
  passed += result.passed;
  failed += result.failed;
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
