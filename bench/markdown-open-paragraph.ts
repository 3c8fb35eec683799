/**
 * Issue 13: the markdown renderer's cost inside one long open paragraph, a 16,000-character reply of
 * emphasis markers and no blank line, before (every update re-parsed and redrew the whole open
 * paragraph) and after (open-paragraph.ts: kept pieces), side by side in one headless Chromium.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { chromiumArgs, findChromium } from "../scripts/chromium.mjs";
import { emphasisMarkerReply } from "../widget/test/markdown-test-documents.ts";
import { bundle, servePage, time } from "./markdown-render.ts";
import type { Renderer } from "./markdown-open-paragraph.page.ts";
import { ms, percentile, type Figure } from "./stats.ts";

/** Main before issue 13's render-cost work (the markdown renderer, the log's follow, the composer's auto-grow). */
export const RENDER_BEFORE_COMMIT = "4e5bdc7";
const REPLY_CHARS = 16_000;
const STEP_CHARS = 8;
/** A task longer than this blocks the page (the Long Tasks definition): its excess counts as blocking. */
const LONG_TASK_MS = 50;

/** The markdown renderer of {@link RENDER_BEFORE_COMMIT}, bundled as `window.beforeMarkdown`. */
async function bundleBefore(): Promise<string> {
  const root = resolve(import.meta.dirname, "..");
  const commit = execFileSync("git", ["rev-parse", RENDER_BEFORE_COMMIT], { cwd: root, encoding: "utf8" }).trim();
  const dir = join(tmpdir(), `convex-chat-markdown-${commit.slice(0, 12)}`);
  if (!existsSync(join(dir, "widget/src/core/markdown/index.ts"))) {
    mkdirSync(dir, { recursive: true });
    execFileSync("sh", ["-c", `git archive ${commit} widget/src/core/markdown | tar -x -C "${dir}"`], { cwd: root });
  }
  return bundle(join(dir, "widget/src/core/markdown/index.ts"), "beforeMarkdown");
}

/** The streamed updates' figures, and the last update's (the reply finished: the paragraph drawn whole) alone. */
const summary = (all: number[]) => {
  const samples = all.slice(0, -1);
  const tenth = Math.max(1, Math.floor(samples.length / 10));
  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
  return {
    total: samples.reduce((a, b) => a + b, 0),
    blocking: samples.reduce((a, b) => a + Math.max(0, b - LONG_TASK_MS), 0),
    p95: percentile(samples, 95),
    max: Math.max(...samples),
    firstTenth: mean(samples.slice(0, tenth)),
    lastTenth: mean(samples.slice(-tenth)),
    closing: all[all.length - 1],
  };
};

export async function measureOpenParagraph(): Promise<Figure> {
  const text = emphasisMarkerReply(REPLY_CHARS);
  const page = await servePage(
    await bundleBefore(),
    await bundle(resolve(import.meta.dirname, "markdown-open-paragraph.page.ts"), "openParagraphBench"),
  );
  const browser = await chromium.launch({ executablePath: await findChromium(), args: chromiumArgs });
  const results = new Map<string, ReturnType<typeof summary>>();
  try {
    type Bench = {
      run(text: string, step: number, renderer: Renderer, layout: boolean): number[];
      sameOutput(text: string): boolean;
      isolated(): boolean;
    };
    // A fresh tab per variant: one variant's garbage is not collected during the next one's run.
    const freshTab = async () => {
      const tab = await browser.newPage();
      await tab.goto(page.url);
      if (!(await tab.evaluate(() => (window as unknown as { openParagraphBench: Bench }).openParagraphBench.isolated()))) {
        throw new Error("the bench page is not cross-origin isolated: timings would be coarse");
      }
      return tab;
    };
    const check = await freshTab();
    if (!(await check.evaluate((t) => (window as unknown as { openParagraphBench: Bench }).openParagraphBench.sameOutput(t), text))) {
      throw new Error("before and after draw the finished reply differently");
    }
    await check.close();
    for (const layout of [false, true]) {
      for (const renderer of ["before", "after"] as Renderer[]) {
        const tab = await freshTab();
        const samples = await tab.evaluate(
          ([t, step, r, l]) => (window as unknown as { openParagraphBench: Bench }).openParagraphBench.run(t, step, r, l),
          [text, STEP_CHARS, renderer, layout] as const,
        );
        await tab.close();
        results.set(`${renderer}${layout ? "+layout" : ""}`, summary(samples));
      }
    }
  } finally {
    await browser.close();
    await page.close();
  }
  const line = (label: string, key: string) => {
    const r = results.get(key);
    if (!r) throw new Error(`no result for ${key}`);
    return (
      `${label}: streamed updates total ${ms(r.total)}, of it beyond ${LONG_TASK_MS} ms per update ${ms(r.blocking)}; p95 ${time(r.p95)}, ` +
      `max ${time(r.max)} per update; first → last tenth (mean) ${time(r.firstTenth)} → ${time(r.lastTenth)}; the closing update ${time(r.closing)}`
    );
  };
  return {
    title: `Issue 13 — a ${REPLY_CHARS.toLocaleString("en")}-character reply of emphasis markers in one open paragraph, ${STEP_CHARS}-character updates (${REPLY_CHARS / STEP_CHARS} updates, headless Chromium)`,
    results: [
      line(`before (${RENDER_BEFORE_COMMIT}), update`, "before"),
      line("after, update", "after"),
      line(`before (${RENDER_BEFORE_COMMIT}), update + forced layout`, "before+layout"),
      line("after, update + forced layout", "after+layout"),
    ],
    method:
      `widget/test/markdown-test-documents.ts emphasisMarkerReply(${REPLY_CHARS}): a deterministic paragraph of *, **, ***, _, __, backticks, ` +
      `brackets, ~~, ![, escapes and < between short words, no line break. The MarkdownRenderer of commit ${RENDER_BEFORE_COMMIT} ` +
      `(git archive of widget/src/core/markdown) and this tree's are bundled by vite as two scripts of one page served cross-origin ` +
      `isolated (5 µs performance.now()) in headless Chromium via playwright-core, a fresh tab per variant, into a 360 px wide container. Update k is ` +
      `renderer.update(first ${STEP_CHARS}k characters, { streaming: true }), the last one the whole reply with streaming off (the ` +
      `paragraph closes: both draw it whole, and the bench checks they draw it identically); performance.now() around it, and around ` +
      `it plus a read of offsetHeight ("forced layout", what the browser must do before the next frame). "Total" sums the updates ` +
      `(the main thread's time in them) but the last, shown apart as "the closing update"; "beyond ${LONG_TASK_MS} ms" sums each update's excess over ${LONG_TASK_MS} ms (Total Blocking Time's ` +
      `definition, when each update is its own task). A warm-up over the first 2,000 characters per variant, not counted; nearest-rank p95.`,
  };
}

// `npx tsx bench/markdown-open-paragraph.ts` prints this figure alone.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { printFigure } = await import("./stats.ts");
  printFigure(12, await measureOpenParagraph());
}
