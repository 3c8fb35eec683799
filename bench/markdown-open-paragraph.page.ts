/**
 * Runs inside headless Chromium (bundled by bench/markdown-open-paragraph.ts): streams one long
 * paragraph into the page with this tree's renderer and with the renderer before issue 13
 * (`window.beforeMarkdown`, a bundle of its own), timing each update.
 */
import { MarkdownRenderer } from "../widget/src/core/markdown/index.ts";

export type Renderer = "before" | "after";

/**
 * Milliseconds per update, one sample per prefix of `text` growing by `step` characters (the last
 * one with the reply finished), up to `limit` characters; with `layout`, the update plus the layout
 * the browser must do before the next frame.
 */
function stream(text: string, step: number, renderer: Renderer, layout: boolean, limit = text.length): number[] {
  const Renderer =
    renderer === "after"
      ? MarkdownRenderer
      : (window as unknown as { beforeMarkdown: { MarkdownRenderer: typeof MarkdownRenderer } }).beforeMarkdown.MarkdownRenderer;
  const container = document.createElement("div");
  container.style.width = "360px";
  document.body.replaceChildren(container);
  const view = new Renderer();
  container.append(view.element);
  const samples: number[] = [];
  for (let end = step; end < limit + step; end += step) {
    const prefix = text.slice(0, Math.min(end, limit));
    const started = performance.now();
    view.update(prefix, { streaming: end < limit });
    if (layout) void container.offsetHeight;
    samples.push(performance.now() - started);
  }
  return samples;
}

/** A warm-up over the first 2,000 characters (not returned), then the measured pass. */
function run(text: string, step: number, renderer: Renderer, layout: boolean): number[] {
  stream(text, step, renderer, layout, 2_000);
  return stream(text, step, renderer, layout);
}

/** Whether both renderers draw the finished reply identically. */
function sameOutput(text: string): boolean {
  const [before, after] = [
    (window as unknown as { beforeMarkdown: { MarkdownRenderer: typeof MarkdownRenderer } }).beforeMarkdown.MarkdownRenderer,
    MarkdownRenderer,
  ].map((Renderer) => {
    const view = new Renderer();
    view.update(text);
    return view.element.innerHTML;
  });
  return before === after;
}

Object.assign(window, { openParagraphBench: { run, sameOutput, isolated: () => crossOriginIsolated } });
