import { css } from "lit";

// Where the chat sits: inline (fills the element's box) or floating (launcher + panel in a corner,
// full screen on narrow viewports). Rules on the floating host are !important: an important :host
// declaration beats the page's important ones (the shadow tree's context wins for important rules),
// so global resets like `* { position: static !important }` cannot unpin the launcher.
export default css`
  :host {
    display: block;
    height: var(--_panel-height);
    max-width: 100%;
  }
  /* No display override: a page may still hide the chat with display: none (or hidden). */
  :host([mode="floating"]) {
    position: fixed !important;
    inset: auto calc(var(--_offset) + env(safe-area-inset-right, 0px)) calc(var(--_offset) + env(safe-area-inset-bottom, 0px)) auto !important;
    width: var(--_launcher-size) !important;
    height: var(--_launcher-size) !important;
    min-width: 0 !important;
    max-width: none !important;
    min-height: 0 !important;
    max-height: none !important;
    margin: 0 !important;
    padding: 0 !important;
    border: 0 !important;
    box-sizing: content-box !important;
    z-index: var(--_z-index) !important;
    transform: none !important;
    filter: none !important;
    opacity: 1 !important;
    visibility: visible !important;
    overflow: visible !important;
    clip-path: none !important;
    contain: none !important;
    transition: none !important;
    animation: none !important;
  }
  /* The left corner: an attribute the shell sets (setCustomState), not :state(left), which browsers
     without custom states cannot parse (they would drop the whole rule). */
  :host([mode="floating"][data-state-left]) {
    inset: auto auto calc(var(--_offset) + env(safe-area-inset-bottom, 0px)) calc(var(--_offset) + env(safe-area-inset-left, 0px)) !important;
  }
  :host([hidden]) { display: none !important; }

  /* Nothing the page sets on <body> (line-height, letter-spacing, text-transform…) is inherited past here. */
  .root {
    all: initial;
    color-scheme: inherit;
    display: block;
    position: relative;
    height: 100%;
    color: var(--_text);
    font: var(--_font-size) / 1.5 var(--_font);
    -webkit-text-size-adjust: 100%;
    text-size-adjust: 100%;
  }
  .root *, .root *::before, .root *::after { box-sizing: border-box; }

  .panel {
    display: flex;
    flex-direction: column;
    height: 100%;
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    overflow: hidden;
  }
  :host([mode="floating"]) .panel {
    position: absolute;
    inset: auto 0 calc(100% + 14px) auto;
    width: min(var(--_panel-width), 100vw - 2 * var(--_offset));
    height: min(var(--_panel-height), 100dvh - var(--_launcher-size) - 3 * var(--_offset));
    box-shadow: var(--_shadow);
    transform-origin: bottom right;
    opacity: 0;
    transform: translateY(12px) scale(0.98);
    visibility: hidden;
    transition: opacity 180ms ease, transform 180ms ease, visibility 0s linear 180ms;
  }
  :host([mode="floating"][data-state-left]) .panel { inset: auto auto calc(100% + 14px) 0; transform-origin: bottom left; }
  :host([mode="floating"][open]) .panel {
    opacity: 1;
    transform: none;
    visibility: visible;
    transition-delay: 0s;
  }

  .launcher {
    position: relative;
    display: grid;
    place-items: center;
    width: 100%;
    height: 100%;
    margin: 0;
    padding: 0;
    border: 0;
    border-radius: 50%;
    color: var(--_accent-text);
    background: var(--_accent);
    box-shadow: var(--_shadow);
    cursor: pointer;
    transition: transform 150ms ease;
  }
  .launcher:hover { transform: scale(1.06); }
  .launcher:focus-visible { outline: 3px solid var(--_accent); outline-offset: 3px; }
  /* Focused on open on touch-only devices (no keyboard popping up): no ring around the whole panel. */
  .panel:focus { outline: none; }
  .launcher .icon { width: 46%; height: 46%; }
  .badge {
    position: absolute;
    top: -4px;
    inset-inline-end: -4px;
    min-width: 22px;
    height: 22px;
    padding: 0 6px;
    display: grid;
    place-items: center;
    border-radius: 11px;
    border: 2px solid #fff;
    background: #c4320a;
    color: #fff;
    font-size: 12px;
    font-weight: 700;
    line-height: 1;
  }

  @media (max-width: 639.98px) {
    /* Full screen on phones, clear of notches and of the on-screen keyboard (--_viewport-*). */
    :host([mode="floating"]) .panel {
      position: fixed;
      inset: var(--_viewport-top, 0px) 0 auto 0;
      width: 100%;
      height: var(--_viewport-height, 100dvh);
      border: 0;
      border-radius: 0;
      padding: env(safe-area-inset-top, 0px) env(safe-area-inset-right, 0px) env(safe-area-inset-bottom, 0px) env(safe-area-inset-left, 0px);
      transform-origin: bottom center;
    }
    :host([mode="floating"][data-state-left]) .panel { inset: var(--_viewport-top, 0px) 0 auto 0; }
    :host([mode="floating"][open]) .launcher { visibility: hidden; }
  }

  @media (prefers-reduced-motion: reduce) {
    .panel, .launcher { transition: none !important; }
    .launcher:hover { transform: none; }
  }
`;
