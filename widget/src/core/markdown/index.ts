// Incremental, safe markdown for streamed replies (framework-free).
export type { Align, Block, Inline } from "./ast.js";
export { IncrementalMarkdown } from "./incremental.js";
export { parseBlocks } from "./blocks.js";
export { parseInline } from "./inline.js";
export { safeUrl } from "./url.js";
export { COPIED_STATE_MS } from "./code-block.js";
export { DEFAULT_MARKDOWN_LABELS, MarkdownRenderer, type MarkdownLabels } from "./render.js";
