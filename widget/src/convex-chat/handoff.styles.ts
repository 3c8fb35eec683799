// The handoff area (handoff-view.ts): typing indicator, waiting notice, email, "Talk to a person".
import { css } from "lit";

export default css`
  .handoff {
    display: flex;
    flex-direction: column;
    align-items: stretch;
    gap: 0.4em;
    padding-inline: 1em;
  }
  .handoff:has(> :not(.typing-region)), .typing-region:has(.typing) { padding-block-end: 0.5em; }
  .typing {
    display: flex;
    align-items: center;
    gap: 0.5em;
    margin: 0;
    font-size: 0.85em;
    color: var(--_muted);
  }
  .dots { display: inline-flex; gap: 3px; }
  .dots i {
    width: 6px;
    height: 6px;
    border-radius: 50%;
    background: currentColor;
    animation: typing-dot 1.2s infinite ease-in-out;
  }
  .dots i:nth-child(2) { animation-delay: 0.15s; }
  .dots i:nth-child(3) { animation-delay: 0.3s; }
  @keyframes typing-dot { 0%, 60%, 100% { opacity: 0.3; } 30% { opacity: 1; } }
  @media (prefers-reduced-motion: reduce) { .dots i, .pulse { animation: none; } }

  .handoff-status {
    margin: 0;
    padding: 0.6em 0.8em;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) - 6px);
    font-size: 0.88em;
  }
  .handoff-status.human { padding: 0.35em 0.8em; color: var(--_muted); text-align: center; border-style: dashed; }
  .handoff-status p { margin: 0; }
  .handoff-title { display: flex; align-items: center; gap: 0.5em; font-weight: 600; }
  .handoff-body { margin-top: 0.25em !important; color: var(--_muted); }
  .pulse {
    width: 0.6em;
    height: 0.6em;
    border-radius: 50%;
    background: var(--_accent);
    animation: typing-dot 1.6s infinite ease-in-out;
  }
  .email-form { display: flex; flex-direction: column; gap: 0.3em; margin-top: 0.6em; }
  .email-form label { font-weight: 600; }
  .email-row { display: flex; gap: 0.4em; }
  .email-row input {
    flex: 1;
    min-width: 0;
    font: inherit;
    color: inherit;
    background: var(--_surface);
    padding: 0.4em 0.6em;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) - 8px);
  }
  .email-row input:focus-visible { outline: 2px solid var(--_accent); outline-offset: 1px; }
  .email-row input[aria-invalid="true"] { border-color: var(--_danger); }
  .email-row button { padding: 0.35em 0.9em; }
  .email-error { margin: 0; color: var(--_danger); font-size: 0.85em; }
  .email-kept { margin: 0.5em 0 0 !important; color: var(--_muted); }
  button.link, .handoff-button {
    color: var(--_text);
    background: transparent;
    font-weight: 600;
  }
  button.link { padding: 0 0.25em; text-decoration: underline; }
  .handoff-button {
    align-self: flex-end;
    padding: 0.3em 0.8em;
    border: 1px solid var(--_border);
    font-size: 0.85em;
  }
  .handoff-button:hover { border-color: var(--_accent); }
`;
