/**
 * Issue 4: the cost of rendering a streamed 24 KB markdown reply, per update, with our incremental
 * renderer (widget/src/core/markdown) against a full re-parse of the whole text by `marked` on
 * every update. Both run in headless Chromium on the same text and the same updates.
 */
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { build } from "vite";
import { chromiumArgs, findChromium } from "../scripts/chromium.mjs";
import { markdownSample } from "./markdown-sample.ts";
import { ms, percentile, type Figure } from "./stats.ts";
import type { Variant } from "./markdown-render.page.ts";

const REPLY_BYTES = 24 * 1024;
const STEP_CHARS = 8;
/** marked with forced layout takes ~50 ms per update: time every 8th update (a full re-parse is independent of the others). */
const LAYOUT_SAMPLE_EVERY = 8;

/** A page script minified into one IIFE defining `name` (default: our renderer and marked). */
export async function bundle(entry = resolve(import.meta.dirname, "markdown-render.page.ts"), name = "markdownBench"): Promise<string> {
  const output = await build({
    configFile: false,
    logLevel: "silent",
    build: {
      write: false,
      minify: true,
      lib: { entry, formats: ["iife"], name, fileName: "bench" },
    },
  });
  const chunk = (Array.isArray(output) ? output : [output]).flatMap((o) => ("output" in o ? o.output : [])).find((c) => c.type === "chunk");
  if (!chunk || chunk.type !== "chunk") throw new Error("vite build gave no chunk");
  return chunk.code;
}

/**
 * Serves a page running `scripts` in order, cross-origin isolated, so performance.now() has 5 µs
 * resolution (not 100 µs).
 */
export async function servePage(...scripts: string[]) {
  const server = createServer((request, response) => {
    const isolated = { "Cross-Origin-Opener-Policy": "same-origin", "Cross-Origin-Embedder-Policy": "require-corp" };
    const script = /^\/script-(\d+)\.js$/.exec(request.url ?? "");
    if (script) return void response.writeHead(200, { ...isolated, "Content-Type": "text/javascript" }).end(scripts[Number(script[1])]);
    const tags = scripts.map((_, i) => `<script src="/script-${i}.js"></script>`).join("");
    response.writeHead(200, { ...isolated, "Content-Type": "text/html" }).end(`<!doctype html><meta charset="utf-8"><body></body>${tags}`);
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((done) => server.close(done)) };
}

/** `sampledEvery`: the samples are every n-th update's, so the total is extrapolated. */
/** Milliseconds, in µs below 1 ms (ours is far below the 0.1 ms that ms() would show). */
export const time = (value: number) => (value < 1 ? `${(value * 1000).toFixed(0)} µs` : ms(value));
const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
const summary = (samples: number[], sampledEvery = 1) => {
  const tenth = Math.max(1, Math.floor(samples.length / 10));
  return {
    mean: mean(samples),
    p95: percentile(samples, 95),
    max: Math.max(...samples),
    total: mean(samples) * samples.length * sampledEvery,
    // Work that grows with the reply shows as a later tenth far costlier than the first.
    firstTenth: mean(samples.slice(0, tenth)),
    lastTenth: mean(samples.slice(-tenth)),
  };
};

export async function measureMarkdownRender(): Promise<Figure> {
  const text = markdownSample(REPLY_BYTES);
  const page = await servePage(await bundle());
  const browser = await chromium.launch({ executablePath: await findChromium(), args: chromiumArgs });
  const results: Record<Variant, ReturnType<typeof summary>> = {} as never;
  let updates = 0;
  try {
    const tab = await browser.newPage();
    await tab.goto(page.url);
    type Bench = {
      run(text: string, step: number, variant: Variant, sampleEvery?: number): number[];
      sameWords(text: string): boolean;
      isolated(): boolean;
    };
    if (!(await tab.evaluate(() => (window as unknown as { markdownBench: Bench }).markdownBench.isolated()))) {
      throw new Error("the bench page is not cross-origin isolated: timings would be coarse");
    }
    if (!(await tab.evaluate((t) => (window as unknown as { markdownBench: Bench }).markdownBench.sameWords(t), text))) {
      throw new Error("our renderer and marked disagree on the sample's text: the comparison would be unfair");
    }
    for (const variant of ["ours", "marked", "marked+dom", "ours+layout", "marked+dom+layout"] as Variant[]) {
      const every = variant === "marked+dom+layout" ? LAYOUT_SAMPLE_EVERY : 1;
      const samples = await tab.evaluate(
        ([t, step, v, n]) => (window as unknown as { markdownBench: Bench }).markdownBench.run(t, step, v, n),
        [text, STEP_CHARS, variant, every] as const,
      );
      if (variant === "ours") updates = samples.length;
      results[variant] = summary(samples, every);
    }
  } finally {
    await browser.close();
    await page.close();
  }
  const line = (label: string, r: ReturnType<typeof summary>) =>
    `${label}: mean ${time(r.mean)}, p95 ${time(r.p95)}, max ${time(r.max)} per update; total ${ms(r.total)}`;
  return {
    title: `Issue 4 — rendering a ${REPLY_BYTES / 1024} KB markdown reply streamed in ${STEP_CHARS}-character updates (${updates} updates, headless Chromium)`,
    results: [
      line("ours (incremental, DOM updated)", results.ours),
      line("marked, full re-parse to HTML only", results.marked),
      line("marked, full re-parse + innerHTML", results["marked+dom"]),
      `growth, mean per update over the first → last tenth of the reply: ours ${time(results.ours.firstTenth)} → ${time(results.ours.lastTenth)}, ` +
        `marked + innerHTML ${time(results["marked+dom"].firstTenth)} → ${time(results["marked+dom"].lastTenth)}`,
      `speed-up, DOM updated: ${(results["marked+dom"].mean / results.ours.mean).toFixed(0)}× mean, ${(results["marked+dom"].total / results.ours.total).toFixed(0)}× total`,
      line("ours + forced layout", results["ours+layout"]),
      line(`marked + innerHTML + forced layout (every ${LAYOUT_SAMPLE_EVERY}th update timed)`, results["marked+dom+layout"]),
    ],
    method:
      `bench/markdown-sample.ts builds a deterministic ${REPLY_BYTES}-character reply (headings, paragraphs with emphasis, inline ` +
      `code and links, lists, fenced code, tables, quotes); each update is the text so far, growing by ${STEP_CHARS} characters. ` +
      `Our MarkdownRenderer (widget/src/core/markdown) and marked ${markedVersion()} (gfm defaults) are bundled by vite into one ` +
      `page served cross-origin isolated (COOP/COEP, so performance.now() resolves 5 µs) in headless Chromium (scripts/chromium.mjs) ` +
      `via playwright-core; a 360 px wide container in the document. Per update, performance.now() around: ours = ` +
      `renderer.update(prefix) (parse the open block, replace its DOM); marked = marked.parse(prefix), or that plus ` +
      `container.innerHTML = html (no sanitiser, which a real widget would add on top); "+ forced layout" also reads ` +
      `offsetHeight (for marked, on every ${LAYOUT_SAMPLE_EVERY}th prefix only, so "total" there is the sum of those samples × ${LAYOUT_SAMPLE_EVERY}). ` +
      `A warm-up over the first tenth of the reply per variant, not counted; nearest-rank p95.`,
  };
}

function markedVersion(): string {
  const file = resolve(import.meta.dirname, "../node_modules/marked/package.json");
  return (JSON.parse(readFileSync(file, "utf8")) as { version: string }).version;
}

// `npx tsx bench/markdown-render.ts` prints this figure alone.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { printFigure } = await import("./stats.ts");
  printFigure(6, await measureMarkdownRender());
}
