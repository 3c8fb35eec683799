// The conversation actions and list (conversation-list-controller.ts).
import { css } from "lit";

export default css`
  .conversation-actions { display: flex; gap: 0.35em; margin-inline-start: auto; }
  .header-button {
    padding: 0.25em 0.6em;
    font-size: 0.8em;
    font-weight: 500;
    color: var(--_text);
    background: transparent;
    border: 1px solid var(--_border);
    border-radius: 999px;
  }
  .header-button { white-space: nowrap; display: inline-flex; align-items: center; gap: 0.25em; }
  .header-button svg { width: 1.1em; height: 1.1em; fill: none; stroke: currentColor; stroke-width: 2.2; stroke-linecap: round; }
  /* Narrow panels keep the header on one line: the button shows its icon, its name stays for assistive technology. */
  @media (max-width: 639.98px) {
    .header-button.new .label {
      position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap;
    }
  }
  .header-button[aria-expanded="true"] { background: color-mix(in srgb, var(--_accent) 14%, transparent); }
  .conversations {
    max-height: 45%;
    overflow-y: auto;
    border-bottom: 1px solid var(--_border);
    padding: 0.35em;
  }
  .conversations ul { list-style: none; margin: 0; padding: 0; }
  .conversations button {
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    width: 100%;
    padding: 0.45em 0.7em;
    text-align: start;
    font-weight: 400;
    color: var(--_text);
    background: transparent;
    border-radius: 8px;
  }
  .conversations button:hover,
  .conversations button[aria-current="true"] { background: color-mix(in srgb, var(--_accent) 10%, transparent); }
  .conversation-title { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; max-width: 100%; }
  .conversations time { font-size: 0.75em; color: var(--_muted); }
  .conversations-note { margin: 0.5em 0.7em; color: var(--_muted); }
`;
