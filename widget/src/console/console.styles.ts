import { css } from "lit";

// The console's layout and controls. Colours and sizes only from the private --_* variables
// (the widget's theme sheet maps the public --convex-chat-* ones). The list and the conversation
// sit side by side when the element is wide enough, one at a time when not: a container query, so
// it follows the element's own width inside any admin page, not the viewport's.
export default css`
  :host {
    display: block;
    height: var(--convex-chat-console-height, 100vh);
    height: var(--convex-chat-console-height, 100dvh);
    color: var(--_text);
    background: var(--_surface);
    font-family: var(--_font);
    font-size: var(--_font-size);
    line-height: 1.45;
    --_field: color-mix(in srgb, var(--_text) 4%, var(--_surface));
    --_selected: color-mix(in srgb, var(--_accent) 12%, var(--_surface));
    --_small-radius: calc(var(--_radius) / 2);
  }
  :host([hidden]) { display: none; }
  * { box-sizing: border-box; }
  .root { height: 100%; display: flex; flex-direction: column; container-type: inline-size; min-height: 0; }
  h1, h2, h3 { margin: 0; line-height: 1.25; }
  h1 { font-size: 1.35em; }
  h2 { font-size: 1.1em; }
  .visually-hidden {
    position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden;
    clip-path: inset(50%); white-space: nowrap; border: 0;
  }

  button, input, select, textarea { font: inherit; color: inherit; }
  button {
    cursor: pointer;
    padding: 0.45em 0.9em;
    border: 1px solid var(--_border);
    border-radius: var(--_small-radius);
    background: var(--_surface);
  }
  button:hover:not(:disabled) { background: var(--_field); }
  button:disabled { cursor: default; opacity: 0.6; }
  button.primary { border-color: var(--_accent); background: var(--_accent); color: var(--_accent-text); font-weight: 600; }
  button.primary:hover:not(:disabled) { background: color-mix(in srgb, var(--_accent) 88%, var(--_text)); }
  button.quiet { border-color: transparent; background: transparent; }
  button.link { border: 0; background: none; padding: 0.25em 0; color: var(--_accent); text-decoration: underline; }
  input, select, textarea {
    width: 100%;
    padding: 0.5em 0.7em;
    border: 1px solid color-mix(in srgb, var(--_text) 45%, var(--_surface));
    border-radius: var(--_small-radius);
    background: var(--_field);
  }
  textarea { resize: vertical; min-height: 4.5em; }
  input[type="checkbox"] { width: auto; accent-color: var(--_accent); }
  :is(button, input, select, textarea, [tabindex]):focus-visible { outline: 2px solid var(--_accent); outline-offset: 2px; }
  [aria-invalid="true"] { border-color: var(--_danger); }
  label { font-weight: 600; font-size: 0.92em; }
  .hint, .muted, .empty { color: var(--_muted); }
  .hint { margin: 0; font-size: 0.88em; }
  .empty { margin: 1.5em 1em; text-align: center; }
  .form-error, .field-error, .reply-error { color: var(--_danger); margin: 0; }
  .form-error { padding: 0.55em 0.75em; border-radius: var(--_small-radius); background: var(--_danger-surface); }
  .field-error { font-size: 0.9em; font-weight: 600; }

  /* Sign-in */
  .sign-in { flex: 1; display: grid; place-items: center; padding: 1.5em; overflow: auto; }
  .card {
    width: min(100%, 24em);
    display: flex; flex-direction: column; gap: 0.55em;
    padding: 1.75em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    box-shadow: 0 12px 32px -16px rgb(15 23 42 / 0.25);
  }
  .card h1 { margin-bottom: 0.5em; }
  .card .primary { margin-top: 0.6em; padding-block: 0.6em; }
  .card .link { align-self: center; }
  .redeem { margin: 3em auto; }
  .redeem p:first-child { margin: 0 0 0.5em; }

  /* Top bar */
  .bar {
    display: flex; align-items: center; gap: 0.75em; flex-wrap: wrap;
    padding: 0.6em 1em;
    border-bottom: 1px solid var(--_border);
    background: var(--_header);
  }
  .site { display: flex; align-items: center; gap: 0.6em; min-width: 0; }
  .site::before { content: ""; flex: none; width: 0.6em; height: 0.6em; border-radius: 50%; background: var(--_accent); }
  .site-name { font-weight: 700; }
  .site select { width: auto; max-width: 16em; font-weight: 600; padding-block: 0.3em; }
  .role { font-size: 0.8em; padding: 0.1em 0.55em; border-radius: 999px; border: 1px solid var(--_border); color: var(--_muted); }
  nav { display: flex; gap: 0.25em; margin-inline-start: auto; }
  nav button { border-color: transparent; background: transparent; }
  nav button[aria-current="page"] { background: var(--_selected); color: var(--_text); font-weight: 600; }
  .bar > .quiet { margin-inline-start: 0.25em; }
  .content { flex: 1; min-height: 0; display: flex; flex-direction: column; }
  .page { flex: 1; overflow-y: auto; padding: 1.5em; }

  /* Inbox: two panes side by side */
  .inbox { flex: 1; min-height: 0; display: grid; grid-template-columns: minmax(18em, 24em) 1fr; }
  .list-pane { display: flex; flex-direction: column; min-height: 0; border-inline-end: 1px solid var(--_border); }
  .tools { display: flex; flex-direction: column; gap: 0.5em; padding: 0.75em; border-bottom: 1px solid var(--_border); }
  /* Five filters on one line, even in a narrow list (scrolls sideways rather than wrapping). */
  .filters { display: flex; gap: 0.3em; overflow-x: auto; }
  .filters button { flex: 1 1 auto; padding: 0.3em 0.5em; font-size: 0.88em; white-space: nowrap; }
  .filters button[aria-pressed="true"] { background: var(--_selected); border-color: var(--_accent); font-weight: 600; }
  .rows { list-style: none; margin: 0; padding: 0; overflow-y: auto; flex: 1 1 auto; min-height: 0; }
  .row {
    width: 100%;
    display: flex; flex-direction: column; gap: 0.15em;
    padding: 0.7em 0.9em;
    border: 0; border-bottom: 1px solid var(--_border); border-radius: 0;
    text-align: start;
    background: transparent;
  }
  .row[aria-current="true"] { background: var(--_selected); box-shadow: inset 3px 0 var(--_accent); }
  .row-top { display: flex; align-items: center; gap: 0.45em; }
  .visitor { font-weight: 600; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
  .unread .visitor, .unread .title { font-weight: 700; }
  .dot { flex: none; width: 0.55em; height: 0.55em; border-radius: 50%; background: var(--_accent); }
  .when { margin-inline-start: auto; flex: none; font-size: 0.82em; color: var(--_muted); }
  .title, .preview { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
  .title { font-size: 0.95em; }
  .preview { font-size: 0.9em; color: var(--_muted); }
  .author { font-weight: 600; }
  .marks { display: flex; gap: 0.35em; margin-top: 0.2em; }
  .mark { font-size: 0.78em; padding: 0.05em 0.5em; border-radius: 999px; border: 1px solid var(--_border); color: var(--_muted); }
  .mark.replying { border-color: var(--_accent); color: var(--_text); background: var(--_selected); }
  .load-more { margin: 0.75em; }

  .conversation-pane { display: flex; flex-direction: column; min-height: 0; min-width: 0; }
  .placeholder { justify-content: center; }
  .pane-top { display: flex; align-items: center; gap: 0.6em; padding: 0.75em 1.1em; border-bottom: 1px solid var(--_border); }
  .pane-top h2 { flex: 1; min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
  .pane-top h2:focus { outline: none; }
  .back { display: none; padding-inline: 0.4em; }
  .context { padding: 0.6em 1.1em; border-bottom: 1px solid var(--_border); background: var(--_field); font-size: 0.88em; }
  .context dl { margin: 0; display: flex; flex-wrap: wrap; gap: 0.3em 1.6em; }
  .context dt { color: var(--_muted); display: inline; }
  .context dt::after { content: " "; }
  .context dd { margin: 0; display: inline; font-weight: 600; }
  .url { overflow-wrap: anywhere; }
  .transcript { flex: 1; overflow-y: auto; padding: 1.1em; display: flex; flex-direction: column; gap: 0.7em; }
  .message { max-width: min(46em, 92%); padding: 0.55em 0.85em; border-radius: calc(var(--_radius) - 4px); overflow-wrap: anywhere; }
  .message .text { margin: 0; white-space: pre-wrap; }
  .message.user { align-self: flex-start; background: var(--_field); border: 1px solid var(--_border); }
  .message.assistant { align-self: flex-end; background: var(--_selected); }
  .message.operator { align-self: flex-end; background: var(--_selected); border-inline-end: 3px solid var(--_accent); }
  .system-line { align-self: center; margin: 0.1em 0; font-size: 0.8em; color: var(--_muted); text-align: center; }
  .handoff-bar { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5em 0.8em; padding: 0.55em 1.1em; border-bottom: 1px solid var(--_border); }
  .handoff-bar .who { flex: 1; margin: 0; display: flex; align-items: center; gap: 0.45em; font-weight: 600; min-width: 10em; }
  .handoff-bar .actions { display: flex; flex-wrap: wrap; gap: 0.4em; }
  .handoff-bar .actions button { padding: 0.3em 0.8em; font-size: 0.9em; }
  .handoff-bar .form-error { flex-basis: 100%; margin: 0; }
  .mode-dot { width: 0.6em; height: 0.6em; border-radius: 50%; background: var(--_muted); }
  .mode-dot.waiting { background: #d97706; }
  .mode-dot.human { background: var(--_accent); }
  .online-dot { display: inline-block; width: 0.55em; height: 0.55em; margin-inline-end: 0.35em; border-radius: 50%; background: #16a34a; }
  .typing-region .typing { margin: 0; padding: 0 1.1em 0.4em; font-size: 0.85em; color: var(--_muted); }
  .reply-composer { display: grid; grid-template-columns: 1fr auto; gap: 0.3em 0.5em; padding: 0.6em 1.1em 0.75em; border-top: 1px solid var(--_border); }
  .reply-composer textarea { resize: vertical; min-height: 2.6em; max-height: 12em; font: inherit; }
  .reply-composer button { align-self: end; }
  .reply-composer .hint { grid-column: 1 / -1; margin: 0; font-size: 0.8em; color: var(--_muted); }
  .reply-composer .hint.form-error { color: var(--_danger); }
  .row.waiting { box-shadow: inset 3px 0 #d97706; }
  .mark.waiting { border-color: #d97706; color: var(--_text); font-weight: 600; }
  .alerts { display: flex; gap: 0.3em; }
  .toggle { display: inline-flex; align-items: center; gap: 0.4em; }
  .toggle-icon { flex: none; opacity: 0.8; }
  .toggle[aria-pressed="false"] .toggle-icon { opacity: 0.45; }
  .toggle[aria-pressed="true"] { background: var(--_selected); border-color: var(--_accent); }
  .speaker { display: block; font-size: 0.78em; font-weight: 700; color: var(--_muted); margin-bottom: 0.15em; }
  .message[aria-busy="true"] .speaker::after { content: " …"; }
  .reply-note { color: var(--_muted); font-size: 0.88em; margin: 0; }
  .load-earlier { align-self: center; }

  /* Settings and team */
  .settings, .team, .secret, .knowledge { max-width: 44em; display: flex; flex-direction: column; gap: 1em; }
  .secret { margin-top: 2em; padding-top: 1.5em; border-top: 1px solid var(--_border); align-items: flex-start; }
  .secret p { margin: 0; }
  .field { display: flex; flex-direction: column; gap: 0.3em; }
  .field.check { flex-direction: row; align-items: center; gap: 0.5em; }
  fieldset { border: 1px solid var(--_border); border-radius: var(--_small-radius); padding: 0.75em 1em 1em; margin: 0; }
  legend { font-weight: 600; padding: 0 0.3em; }
  .row-fields { display: grid; grid-template-columns: 2fr 1fr 1fr; gap: 0.75em; }
  .limit-fields { display: grid; grid-template-columns: repeat(auto-fill, minmax(14em, 1fr)); gap: 0.75em; align-items: end; }
  fieldset > .hint { margin: 0 0 0.6em; }
  .field.check { flex-wrap: wrap; }
  .field.check .hint { flex-basis: 100%; margin: 0; padding-inline-start: 1.7em; }
  .actions { display: flex; align-items: center; gap: 1em; }
  .status { margin: 0; color: var(--_muted); }
  .once { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; border-style: dashed; }
  .once-box { display: flex; flex-direction: column; gap: 0.4em; padding: 0.75em; border: 1px solid var(--_accent); border-radius: var(--_small-radius); }
  .once-box p { margin: 0; }
  :is(.team, .knowledge) section { display: flex; flex-direction: column; gap: 0.75em; margin-bottom: 1.5em; }
  .knowledge > p { margin: 0; }
  .knowledge-form { display: flex; flex-direction: column; gap: 0.6em; align-items: stretch; }
  .knowledge-form button { align-self: flex-start; }
  .notice { margin: 0; color: var(--_muted); }
  .notice:empty { display: none; }
  .invite { display: grid; grid-template-columns: 1fr auto auto; gap: 0.6em; align-items: end; }
  .table { list-style: none; margin: 0; padding: 0; border: 1px solid var(--_border); border-radius: var(--_small-radius); }
  .table li { display: grid; grid-template-columns: 2fr 1.4fr 1fr auto; gap: 0.75em; align-items: center; padding: 0.55em 0.8em; }
  .table li + li { border-top: 1px solid var(--_border); }
  .who { font-weight: 600; overflow-wrap: anywhere; }

  /* One pane at a time when the two do not fit */
  @container (max-width: 760px) {
    .inbox { grid-template-columns: 1fr; }
    .list-pane { border-inline-end: 0; }
    .inbox.has-selection .list-pane, .inbox:not(.has-selection) .conversation-pane { display: none; }
    .back { display: inline-flex; gap: 0.3em; }
    .page { padding: 1em; }
    .row-fields, .invite, .table li { grid-template-columns: 1fr; }
    /* Two rows: the site, the toggles (icons) and sign-out; then the sections. */
    .bar { gap: 0.4em; flex-wrap: wrap; }
    .site { flex: 1 1 0; }
    .site-name { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; min-width: 0; }
    .toggle { padding-inline: 0.55em; }
    .toggle-label {
      position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden;
      clip-path: inset(50%); white-space: nowrap; border: 0;
    }
    nav { margin-inline-start: 0; order: 3; width: 100%; overflow-x: auto; }
  }
`;
