import { css } from "lit";

// Public --convex-chat-* properties are read once here into private --_* variables.
export default css`
  :host {
    --_accent: var(--convex-chat-accent, #4f46e5);
    --_background: var(--convex-chat-background, #fff);
    --_text: var(--convex-chat-text, #1f2330);
    --_muted: color-mix(in srgb, var(--_text) 70%, var(--_background));
    --_line: color-mix(in srgb, var(--_text) 12%, var(--_background));
    --_assistant-bubble: color-mix(in srgb, var(--_text) 6%, var(--_background));
    --_radius: var(--convex-chat-radius, 16px);
    --_height: var(--convex-chat-height, 34rem);
    display: block;
    max-width: 100%;
    color: var(--_text);
    font: 15px/1.5 var(--convex-chat-font, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif);
  }
  :host([hidden]) { display: none; }
  /* Added by the script-tag embed: dock in the corner until the launcher (a later issue) exists. */
  :host([data-embedded]) {
    position: fixed;
    right: 1.25rem;
    bottom: 1.25rem;
    width: min(26rem, calc(100vw - 2.5rem));
    z-index: 2147483000;
    --_height: var(--convex-chat-height, min(38rem, calc(100vh - 2.5rem)));
  }
  * { box-sizing: border-box; }

  .panel {
    display: flex;
    flex-direction: column;
    height: var(--_height);
    background: var(--_background);
    border: 1px solid var(--_line);
    border-radius: var(--_radius);
    box-shadow: 0 12px 32px -12px rgb(15 23 42 / 0.25);
    overflow: hidden;
  }
  .header {
    display: flex;
    align-items: center;
    gap: 0.55rem;
    padding: 0.85rem 1.1rem;
    font-weight: 600;
    border-bottom: 1px solid var(--_line);
    background: color-mix(in srgb, var(--_accent) 6%, var(--_background));
  }
  .header::before {
    content: "";
    width: 0.55rem;
    height: 0.55rem;
    border-radius: 50%;
    background: var(--_accent);
  }

  .log {
    flex: 1;
    overflow-y: auto;
    padding: 1rem;
    display: flex;
    flex-direction: column;
    gap: 0.6rem;
    overscroll-behavior: contain;
  }
  .log:focus-visible { outline: 2px solid var(--_accent); outline-offset: -2px; }
  .empty { margin: auto; color: var(--_muted); text-align: center; }

  .message {
    max-width: 85%;
    padding: 0.55rem 0.85rem;
    border-radius: calc(var(--_radius) - 4px);
    overflow-wrap: anywhere;
  }
  .message.user {
    align-self: flex-end;
    background: var(--_accent);
    color: #fff;
    border-bottom-right-radius: 4px;
  }
  .message.assistant {
    align-self: flex-start;
    background: var(--_assistant-bubble);
    border-bottom-left-radius: 4px;
  }
  .text { margin: 0; white-space: pre-wrap; min-height: 1.5em; }
  .caret {
    display: inline-block;
    width: 0.5em;
    height: 1em;
    margin-left: 1px;
    vertical-align: -0.15em;
    background: currentColor;
    opacity: 0.6;
    animation: blink 1s steps(2, start) infinite;
  }
  @keyframes blink { to { visibility: hidden; } }
  @media (prefers-reduced-motion: reduce) { .caret { animation: none; } }
  .reply-error { margin: 0.35rem 0 0; font-size: 0.85em; color: #b42318; }

  .banner {
    display: flex;
    align-items: center;
    gap: 0.75rem;
    margin: 0 1rem 0.5rem;
    padding: 0.5rem 0.75rem;
    border-radius: 10px;
    background: #fef3f2;
    color: #912018;
    font-size: 0.9em;
  }
  .banner span { flex: 1; }

  .composer {
    display: flex;
    gap: 0.5rem;
    align-items: flex-end;
    padding: 0.75rem 1rem 0.25rem;
    border-top: 1px solid var(--_line);
  }
  textarea {
    flex: 1;
    resize: none;
    font: inherit;
    color: inherit;
    background: var(--_background);
    padding: 0.55rem 0.75rem;
    border: 1px solid var(--_line);
    border-radius: 12px;
    max-height: 8rem;
  }
  textarea:focus-visible { outline: 2px solid var(--_accent); outline-offset: 1px; }
  textarea:disabled { opacity: 0.6; }
  button {
    font: inherit;
    font-weight: 600;
    border: 0;
    border-radius: 12px;
    padding: 0.55rem 1rem;
    color: #fff;
    background: var(--_accent);
    cursor: pointer;
  }
  button:disabled { opacity: 0.45; cursor: not-allowed; }
  button:focus-visible { outline: 2px solid var(--_accent); outline-offset: 2px; }
  .banner button { padding: 0.3rem 0.75rem; background: #b42318; }

  .status {
    margin: 0;
    padding: 0.25rem 1rem 0.7rem;
    font-size: 0.8em;
    color: var(--_muted);
  }
  .status.error { color: #b42318; }

  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;
