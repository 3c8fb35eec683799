import { css } from "lit";

// What is inside the panel: title bar, messages, banner, composer, status line. Colours and sizes
// come only from the private --_* variables (convex-chat.theme.styles.ts). Logical properties
// (inline-start/end) so right-to-left languages mirror.
export default css`
  .header {
    display: flex;
    align-items: center;
    gap: 0.55em;
    min-height: 3.25em;
    padding-block: 0.5em;
    padding-inline: 1.1em 0.6em;
    border-bottom: 1px solid var(--_border);
    background: var(--_header);
  }
  /* The connection: a dot before the title (the accent when connected), with words when it is not. */
  .connection-dot {
    flex: none;
    width: 0.55em;
    height: 0.55em;
    border-radius: 50%;
    background: var(--_accent);
  }
  .connection-dot[data-state="connecting"],
  .connection-dot[data-state="reconnecting"] { background: #d97706; animation: connection-pulse 1.2s infinite ease-in-out; }
  .connection-dot[data-state="offline"] { background: var(--_muted); }
  /* The title with the connection's words under it: the header's buttons keep their room. */
  .title-block { flex: 1; min-width: 0; display: flex; flex-direction: column; }
  .title-block .title { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
  .connection { font-size: 0.75em; line-height: 1.2; color: var(--_muted); white-space: nowrap; }
  @keyframes connection-pulse { 50% { opacity: 0.35; } }
  @media (prefers-reduced-motion: reduce) { .connection-dot { animation: none !important; } }
  .title { flex: 1; margin: 0; font-size: 1em; font-weight: 600; line-height: 1.3; }
  .close {
    display: grid;
    place-items: center;
    width: 2.25em;
    height: 2.25em;
    padding: 0;
    border-radius: 10px;
    color: var(--_text);
    background: transparent;
  }
  .close:hover { background: var(--_border); }
  .close svg { width: 1.1em; height: 1.1em; }

  .log {
    flex: 1;
    overflow-y: auto;
    padding: 1em;
    display: flex;
    flex-direction: column;
    gap: 0.6em;
    overscroll-behavior: contain;
  }
  .log:focus-visible { outline: 2px solid var(--_accent); outline-offset: -2px; }
  /* Takes no room (its own gap cancelled) until older messages load. */
  .older { flex: none; min-height: 1px; margin-bottom: -0.6em; text-align: center; }
  .older-status { margin: 0; color: var(--_muted); font-size: 0.85em; }
  .older-status:not(:empty) { margin-bottom: 0.6em; }
  .greeting {
    margin: auto 0;
    align-self: center;
    max-width: 85%;
    color: var(--_muted);
    text-align: center;
  }

  .message {
    max-width: 85%;
    padding: 0.55em 0.85em;
    border-radius: calc(var(--_radius) - 4px);
    overflow-wrap: anywhere;
  }
  .message.user {
    align-self: flex-end;
    background: var(--_accent);
    color: var(--_accent-text);
    border-end-end-radius: 4px;
  }
  /* Not confirmed by the server yet (kept in the outbox until it is). */
  .message.user.sending { opacity: 0.65; }
  .message.assistant {
    align-self: flex-start;
    background: var(--_assistant-bubble);
    border-end-start-radius: 4px;
  }
  .message.operator {
    align-self: flex-start;
    background: var(--_assistant-bubble);
    border-end-start-radius: 4px;
    border-inline-start: 3px solid var(--_accent);
  }
  /* Who wrote a reply: "AI", or a person's initial and name. */
  .byline {
    display: flex;
    align-items: center;
    gap: 0.4em;
    margin: 0 0 0.25em;
    font-size: 0.75em;
    font-weight: 600;
    color: var(--_muted);
  }
  .message.assistant .author-name {
    padding: 0 0.45em;
    border: 1px solid var(--_border);
    border-radius: 999px;
    letter-spacing: 0.04em;
  }
  .avatar {
    display: grid;
    place-items: center;
    width: 1.7em;
    height: 1.7em;
    border-radius: 50%;
    background: var(--_accent);
    color: var(--_accent-text);
    font-size: 1.1em;
  }
  .message.operator .author-name { color: var(--_text); }
  .system-line {
    align-self: center;
    max-width: 90%;
    margin: 0.2em 0;
    font-size: 0.78em;
    color: var(--_muted);
    text-align: center;
  }
  .text { margin: 0; white-space: pre-wrap; min-height: 1.5em; }
  .caret {
    display: inline-block;
    width: 0.5em;
    height: 1em;
    margin-inline-start: 1px;
    vertical-align: -0.15em;
    background: currentColor;
    opacity: 0.6;
    animation: blink 1s steps(2, start) infinite;
  }
  @keyframes blink { to { visibility: hidden; } }
  @media (prefers-reduced-motion: reduce) { .caret { animation: none; } }
  .reply-error { margin: 0.35em 0 0; font-size: 0.85em; color: var(--_danger); }
  .reply-stopped, .reply-cut, .reply-waiting, .reply-queued { margin: 0.35em 0 0; font-size: 0.85em; color: var(--_muted); }

  .banner {
    display: flex;
    align-items: center;
    gap: 0.75em;
    margin: 0 1em 0.5em;
    padding: 0.5em 0.75em;
    border-radius: 10px;
    background: var(--_danger-surface);
    color: var(--_danger);
    font-size: 0.9em;
  }
  .banner span { flex: 1; }
  .suggestions { display: flex; flex-wrap: wrap; gap: 0.4em; margin: 0.25em 0 0; padding: 0; list-style: none; }
  .suggestion {
    padding: 0.4em 0.8em;
    border: 1px solid color-mix(in srgb, var(--_accent) 45%, var(--_border));
    border-radius: 999px;
    color: var(--_text);
    background: var(--_surface);
    font-size: 0.9em;
    text-align: start;
  }
  .suggestion:hover { background: color-mix(in srgb, var(--_accent) 10%, var(--_surface)); }
  .session-notice {
    display: flex;
    align-items: center;
    gap: 0.5em;
    margin: 0.5em 1em 0;
    padding: 0.4em 0.4em 0.4em 0.75em;
    border-radius: 10px;
    background: color-mix(in srgb, var(--_accent) 10%, var(--_surface));
    font-size: 0.9em;
  }
  .session-notice span { flex: 1; }

  .composer {
    display: flex;
    gap: 0.5em;
    align-items: flex-end;
    padding: 0.75em 1em 0.25em;
    border-top: 1px solid var(--_border);
  }
  textarea {
    flex: 1;
    min-width: 0;
    margin: 0;
    resize: none;
    font: inherit;
    color: inherit;
    background: var(--_surface);
    padding: 0.55em 0.75em;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) - 4px);
    max-height: 8em;
  }
  textarea::placeholder { color: var(--_muted); opacity: 1; }
  textarea:focus-visible { outline: 2px solid var(--_accent); outline-offset: 1px; }
  textarea:disabled { opacity: 0.6; }
  /* Phones zoom into fields whose text is under 16px. */
  @media (max-width: 639.98px) { textarea { font-size: max(16px, 1em); } }
  button {
    margin: 0;
    font: inherit;
    font-weight: 600;
    line-height: 1.5;
    border: 0;
    border-radius: calc(var(--_radius) - 4px);
    padding: 0.55em 1em;
    color: var(--_accent-text);
    background: var(--_accent);
    cursor: pointer;
  }
  button:disabled { opacity: 0.45; cursor: not-allowed; }
  button:focus-visible { outline: 2px solid var(--_accent); outline-offset: 2px; }
  .banner button { padding: 0.3em 0.75em; color: var(--_surface); background: var(--_danger); }

  .status {
    margin: 0;
    padding: 0.25em 1em 0.7em;
    font-size: 0.8em;
    color: var(--_muted);
  }
  .status.error { color: var(--_danger); }

  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;
