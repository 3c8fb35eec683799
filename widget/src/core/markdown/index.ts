// Incremental, safe markdown for streamed replies (framework-free).
export { IncrementalMarkdown } from "./incremental.js";
export { parseBlocks } from "./blocks.js";
export { safeUrl } from "./url.js";
export { DEFAULT_MARKDOWN_LABELS, MarkdownRenderer, type MarkdownLabels } from "./render.js";
