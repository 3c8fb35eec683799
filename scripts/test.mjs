// `npm test`: type-checks, lints (ESLint, knip), then runs the Node suites (vitest: Convex functions, local backend
// protocol, end to end), the browser suites (web-test-runner in headless Chromium) and the WordPress
// suite (a real WordPress with the plugin: scripts/wordpress/test.mjs), and ends with
// one line `N passed, N failed` that CI reads. Each suite still runs when an earlier one failed, so
// one run shows every failure.
//
// Three lanes run side by side: the browser then WordPress suites; the local backend's protocol
// and end-to-end tests (vitest project `node`); the Convex function tests (vitest project `convex`)
// then the type-check and lint. The suites wait a lot (on streams, timers, Chromium), so
// together they take about the longest lane's time on two cores. A suite's output is printed whole
// when it ends (lanes would interleave it), and the failing tests' lines are repeated just above
// the final line. `npm test -- browser vitest-convex` runs only the named suites, one after another.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const bin = (name) => join("node_modules", ".bin", name);
const scratch = mkdtempSync(join(tmpdir(), "convex-chat-test-"));

/** Runs a command, collecting its stdout and stderr for the suite's report. */
function run(command, args, log) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, FORCE_COLOR: "0" } });
    let output = "";
    child.stdout.on("data", (chunk) => {
      output += chunk;
      log.push(chunk);
    });
    child.stderr.on("data", (chunk) => log.push(chunk));
    child.on("close", (code) => resolve({ code: code ?? 1, output }));
  });
}

/** One vitest project (vitest.config.ts) as a suite: `vitest-convex`, `vitest-node`. */
function vitestSuite(project) {
  return {
    name: `vitest-${project}`,
    async run(log) {
      const report = join(scratch, `vitest-${project}.json`);
      const args = ["run", "--project", project, "--reporter=default", "--reporter=json", `--outputFile.json=${report}`];
      const { code } = await run(bin("vitest"), args, log);
      if (!existsSync(report)) return { passed: 0, failed: 1 };
      const json = JSON.parse(readFileSync(report, "utf8"));
      // A test file that failed to load has no tests but counts as a failure.
      const brokenFiles = json.testResults.filter((f) => f.status === "failed" && f.assertionResults.length === 0).length;
      const failed = json.numFailedTests + brokenFiles + (code !== 0 && json.numFailedTests + brokenFiles === 0 ? 1 : 0);
      return { passed: json.numPassedTests, failed };
    },
  };
}

const suites = [
  {
    // Three projects, each with its own globals: the widget (browser), Convex functions, Node code.
    name: "typecheck",
    async run(log) {
      let failed = 0;
      for (const project of ["widget", "convex", "."]) {
        // TypeScript 7 by its own path: `typescript` is v6 (the API typescript-eslint loads), and both ship a `tsc`.
        const { code } = await run(join("node_modules", "@typescript", "native", "bin", "tsc"), ["-p", project], log);
        if (code !== 0) failed++;
      }
      return { passed: 3 - failed, failed };
    },
  },
  {
    // ESLint (eslint.config.js), the unused-code check (knip.json) and the formatting (.prettierrc.json:
    // `npm run format` writes it).
    name: "lint",
    async run(log) {
      const checks = [
        [bin("eslint"), ["."]],
        [bin("knip"), []],
        [bin("prettier"), ["--check", "--log-level", "warn", "."]],
      ];
      let failed = 0;
      for (const [command, args] of checks) {
        const { code } = await run(command, args, log);
        if (code !== 0) failed++;
      }
      return { passed: checks.length - failed, failed };
    },
  },
  // vitest's two projects (vitest.config.ts), as two suites that run in different lanes.
  vitestSuite("convex"),
  vitestSuite("node"),
  {
    name: "browser",
    async run(log) {
      const { code, output } = await run(bin("wtr"), [], log);
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
    async run(log) {
      const { code, output } = await run(process.execPath, ["scripts/wordpress/test.mjs"], log);
      const last = [...output.matchAll(/^wordpress: (\d+) passed, (\d+) failed$/gm)].at(-1);
      if (!last) return { passed: 0, failed: 1 };
      const failed = Number(last[2]) + (code !== 0 && last[2] === "0" ? 1 : 0);
      return { passed: Number(last[1]), failed };
    },
  },
];

/** Lines that name a failing test, in each runner's own words. */
const FAILURE = /❌|✗|×|\[warn\]|\bFAIL\b|AssertionError|Timed out waiting|error TS\d+|\d+:\d+\s+error\s/;

async function runSuite(suite) {
  const log = [];
  const started = Date.now();
  const result = await suite.run(log);
  const output = log.join("");
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  process.stdout.write(
    `\n── ${suite.name} ──\n${output}\n── ${suite.name}: ${result.passed} passed, ${result.failed} failed (${seconds} s)\n`,
  );
  const failures =
    result.failed === 0
      ? []
      : output
          .split("\n")
          .filter((line) => FAILURE.test(line))
          .slice(0, 40);
  return { ...result, name: suite.name, seconds, failures };
}

const byName = new Map(suites.map((suite) => [suite.name, suite]));
const chosen = process.argv.slice(2);
for (const name of chosen) if (!byName.has(name)) throw new Error(`No suite ${name}: ${[...byName.keys()].join(", ")}`);
const lanes = chosen.length > 0 ? [chosen] : [["browser", "wordpress"], ["vitest-node"], ["vitest-convex", "typecheck", "lint"]];
const started = Date.now();
// One build for every suite that needs dist/ (e2e, the package, WordPress): they run side by side,
// and a build of their own would empty dist/ under another's feet.
const build = {
  name: "build",
  async run(log) {
    const { code } = await run("npm", ["run", "build"], log);
    return { passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1 };
  },
};
const built = chosen.length === 0 || chosen.includes("vitest-node") || chosen.includes("wordpress") ? [await runSuite(build)] : [];
process.env.CONVEX_CHAT_BUILT = "1";
const laneResults = await Promise.all(
  lanes.map(async (lane) => {
    const done = [];
    for (const name of lane) done.push(await runSuite(byName.get(name)));
    return done;
  }),
);
const results = [...built, ...laneResults.flat()];

console.log(`\n── summary (${((Date.now() - started) / 1000).toFixed(0)} s) ──`);
for (const { name, passed, failed, seconds, failures } of results) {
  console.log(`${name}: ${passed} passed, ${failed} failed (${seconds} s)`);
  for (const line of failures) console.log(`    ${line.trim()}`);
}
const passed = results.reduce((sum, r) => sum + r.passed, 0);
const failed = results.reduce((sum, r) => sum + r.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
