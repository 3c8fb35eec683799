import { css } from "lit";

// Rendered replies (core/markdown/render.ts). Only the element's private --_* variables are used.
export default css`
  .markdown { white-space: pre-line; overflow-wrap: anywhere; min-width: 0; }
  .markdown > :first-child { margin-top: 0; }
  .markdown > :last-child { margin-bottom: 0; }
  .markdown :is(p, ul, ol, blockquote, .code-block, .table-wrapper, hr) { margin: 0.5em 0; }
  .markdown :is(h1, h2, h3, h4, h5, h6) { margin: 0.75em 0 0.35em; line-height: 1.3; }
  .markdown h1 { font-size: 1.3em; }
  .markdown h2 { font-size: 1.18em; }
  .markdown :is(h3, h4, h5, h6) { font-size: 1.05em; }
  .markdown :is(ul, ol) { padding-inline-start: 1.4em; }
  .markdown li + li { margin-top: 0.2em; }
  .markdown li > :is(p, ul, ol) { margin: 0.25em 0; }
  .markdown blockquote {
    padding-inline-start: 0.75em;
    border-inline-start: 3px solid var(--_border);
    color: var(--_muted);
  }
  .markdown hr { border: 0; border-top: 1px solid var(--_border); }
  .markdown a { color: var(--_accent); text-decoration: underline; unicode-bidi: isolate; }
  .markdown a:focus-visible { outline: 2px solid var(--_accent); outline-offset: 1px; border-radius: 2px; }
  /* A small picture frame drawn in CSS (no icon font): marks a link that stands for an image. */
  .markdown a.image-link::before {
    content: "";
    display: inline-block;
    width: 0.85em;
    height: 0.65em;
    margin-inline-end: 0.3em;
    border: 1.5px solid currentColor;
    border-radius: 2px;
    vertical-align: -0.05em;
  }
  .markdown code {
    font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    font-size: 0.9em;
  }
  .markdown :not(pre) > code {
    padding: 0.1em 0.3em;
    border-radius: 4px;
    background: color-mix(in srgb, var(--_text) 9%, var(--_surface));
    white-space: break-spaces;
    unicode-bidi: isolate;
  }

  .markdown .code-block {
    border: 1px solid var(--_border);
    border-radius: 8px;
    background: color-mix(in srgb, var(--_text) 4%, var(--_surface));
    overflow: hidden;
    direction: ltr;
  }
  .markdown .code-header {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: 0.5em;
    padding: 0.2em 0.3em 0.2em 0.7em;
    border-bottom: 1px solid var(--_border);
    font-size: 0.8em;
    color: var(--_muted);
  }
  .markdown .code-language::before { content: attr(data-label); }
  .markdown .code-copy {
    font: inherit;
    font-weight: 600;
    padding: 0.15em 0.6em;
    border: 0;
    border-radius: 6px;
    color: var(--_text);
    background: transparent;
    cursor: pointer;
  }
  .markdown .code-copy::before { content: attr(data-label); }
  .markdown .code-copy:hover { background: color-mix(in srgb, var(--_text) 8%, transparent); }
  .markdown .code-copy:focus-visible { outline: 2px solid var(--_accent); outline-offset: 0; }
  .markdown .code-copy[data-state="copied"] { color: var(--_accent); }
  .markdown .code-copy[data-state="failed"] { color: var(--_danger); }
  .markdown pre {
    margin: 0;
    padding: 0.6em 0.75em;
    overflow-x: auto;
    white-space: pre;
    overflow-wrap: normal;
    line-height: 1.45;
    tab-size: 4;
  }

  .markdown .table-wrapper { max-width: 100%; overflow-x: auto; }
  .markdown table { border-collapse: collapse; font-size: 0.92em; }
  .markdown :is(th, td) { padding: 0.3em 0.6em; border: 1px solid var(--_border); text-align: start; vertical-align: top; }
  .markdown th { background: color-mix(in srgb, var(--_text) 5%, var(--_surface)); }
  .markdown [data-align="center"] { text-align: center; }
  .markdown [data-align="right"] { text-align: end; }
`;
