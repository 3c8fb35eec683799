/**
 * Runs inside headless Chromium (bundled by bench/markdown-render.ts): streams a reply into the
 * page and times each update with our renderer, and with marked re-parsing the whole text.
 */
import { marked } from "marked";
import { MarkdownRenderer } from "../widget/src/core/markdown/index.ts";

export type Variant = "ours" | "ours+layout" | "marked" | "marked+dom" | "marked+dom+layout";

/**
 * Milliseconds per update, one sample per prefix of `text` growing by `step` characters, up to
 * `limit` characters. A full re-parse does not depend on the updates before it, so marked can be
 * timed on every `sampleEvery`-th prefix only; ours is always given every update.
 */
function stream(text: string, step: number, variant: Variant, limit = text.length, sampleEvery = 1): number[] {
  const container = document.createElement("div");
  container.style.width = "360px";
  document.body.replaceChildren(container);
  const renderer = new MarkdownRenderer();
  container.append(renderer.element);
  const ours = variant.startsWith("ours");
  const layout = variant.endsWith("+layout");
  const samples: number[] = [];
  let n = 0;
  for (let end = step; end < limit + step; end += step) {
    if (!ours && n++ % sampleEvery !== 0) continue;
    const prefix = text.slice(0, Math.min(end, text.length));
    const streaming = end < text.length;
    const started = performance.now();
    if (ours) renderer.update(prefix, { streaming });
    else if (variant === "marked") marked.parse(prefix, { async: false });
    else container.innerHTML = marked.parse(prefix, { async: false });
    if (layout) void container.offsetHeight; // what the browser must do before the next frame
    samples.push(performance.now() - started);
  }
  return samples;
}

/** A warm-up over the first tenth of the reply (not returned), then the measured pass. */
function run(text: string, step: number, variant: Variant, sampleEvery = 1): number[] {
  stream(text, step, variant, Math.floor(text.length / 10), sampleEvery);
  return stream(text, step, variant, text.length, sampleEvery);
}

/** Whether the two renderings of the whole text agree on the visible words (a sanity check). */
function sameWords(text: string): boolean {
  const words = (html: string) => {
    const element = document.createElement("div");
    element.innerHTML = html;
    return element.textContent?.replace(/\s+/g, "") ?? "";
  };
  const renderer = new MarkdownRenderer();
  renderer.update(text);
  return words(renderer.element.innerHTML) === words(marked.parse(text, { async: false }));
}

Object.assign(window, { markdownBench: { run, sameWords, isolated: () => crossOriginIsolated } });
