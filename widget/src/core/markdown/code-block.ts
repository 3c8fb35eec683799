// A code block's DOM: a header with the language and a copy button, and the code, which grows in
// place while the block streams.
import type { Block } from "./ast.js";

export type CodeBlock = Extract<Block, { t: "code" }>;

/** Words on the copy button, read when it changes state (so a language change applies). */
export interface CopyLabels {
  copy: string;
  copied: string;
  copyFailed: string;
}

/** How long a copy button shows "Copied" before it reads "Copy" again. */
export const COPIED_STATE_MS = 2000;

const resetTimers = new WeakMap<HTMLButtonElement, ReturnType<typeof setTimeout>>();

export function createCodeBlock(block: CodeBlock, labels: () => CopyLabels): HTMLElement {
  const wrapper = withClass("div", "code-block");
  wrapper.setAttribute("part", "code-block");
  const header = withClass("div", "code-header");
  const language = withClass("span", "code-language");
  // Shown through CSS (attr()), so that the reply's text content stays the reply's text.
  language.dataset.label = block.lang;
  const button = withClass("button", "code-copy");
  button.type = "button";
  button.setAttribute("part", "code-copy-button");
  labelCopyButton(button, "idle", labels());
  const pre = document.createElement("pre");
  pre.setAttribute("part", "code");
  const code = document.createElement("code");
  if (block.lang) code.dataset.language = block.lang;
  pre.append(code);
  button.addEventListener("click", () => void copy(button, code, labels));
  header.append(language, button);
  wrapper.append(header, pre);
  growCodeBlock(wrapper, block);
  return wrapper;
}

/** Whether `next` is `previous` (a code block) with more text: then its DOM can grow in place. */
export function appendsTo(previous: Block | undefined, next: Block | undefined): next is CodeBlock {
  return previous?.t === "code" && next?.t === "code" && previous.lang === next.lang && next.text.startsWith(previous.text);
}

/** Appends the text `block` has beyond what the element shows (an unclosed fence streaming in). */
export function growCodeBlock(wrapper: Element, block: CodeBlock): void {
  const code = wrapper.querySelector("code");
  if (!code) return;
  const shown = code.firstChild instanceof Text ? code.firstChild : code.appendChild(document.createTextNode(""));
  if (block.text.length > shown.length) shown.appendData(block.text.slice(shown.length));
  wrapper.classList.toggle("open", block.open);
}

async function copy(button: HTMLButtonElement, code: HTMLElement, labels: () => CopyLabels): Promise<void> {
  let state: "copied" | "failed" = "copied";
  try {
    if (!navigator.clipboard) throw new Error("no clipboard (an insecure page)");
    await navigator.clipboard.writeText(code.textContent ?? "");
  } catch {
    state = "failed";
  }
  labelCopyButton(button, state, labels());
  clearTimeout(resetTimers.get(button));
  resetTimers.set(
    button,
    setTimeout(() => labelCopyButton(button, "idle", labels()), COPIED_STATE_MS),
  );
}

function labelCopyButton(button: HTMLButtonElement, state: "idle" | "copied" | "failed", labels: CopyLabels): void {
  const label = state === "copied" ? labels.copied : state === "failed" ? labels.copyFailed : labels.copy;
  button.dataset.state = state;
  button.dataset.label = label;
  button.setAttribute("aria-label", label);
}

function withClass<K extends keyof HTMLElementTagNameMap>(tag: K, className: string): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  element.className = className;
  return element;
}
