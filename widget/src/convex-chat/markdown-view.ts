// The Lit side of reply rendering: a directive that keeps one MarkdownRenderer per message, so each
// update of a streaming reply re-renders only its open last block.
import { noChange } from "lit";
import { Directive, directive, PartType, type ChildPart, type PartInfo } from "lit/directive.js";
import { DEFAULT_MARKDOWN_LABELS, MarkdownRenderer, type MarkdownLabels } from "../core/markdown/index.js";

class MarkdownDirective extends Directive {
  private renderer: MarkdownRenderer | undefined;

  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.CHILD) throw new Error("markdown() belongs in a template's text content");
  }

  render(_text: string, _streaming: boolean, _labels?: Partial<MarkdownLabels>): unknown {
    return noChange;
  }

  override update(_part: ChildPart, [text, streaming, labels]: Parameters<this["render"]>): unknown {
    this.renderer ??= new MarkdownRenderer();
    this.renderer.labels = { ...DEFAULT_MARKDOWN_LABELS, ...labels };
    this.renderer.update(text, { streaming });
    // The same node every time: Lit leaves it in place and the renderer changes its content.
    return this.renderer.element;
  }
}

/**
 * Renders markdown `text` as safe DOM (no raw HTML; links only http(s)/mailto; images as links),
 * incrementally while it grows; `streaming` shows a caret after the last character.
 */
export const markdown = directive(MarkdownDirective);
