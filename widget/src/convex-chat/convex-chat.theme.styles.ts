import { css } from "lit";

// The public --convex-chat-* properties are read here, once, into private --_* variables; every other
// rule uses only the private ones. Theme defaults sit in --_default-* so a page's value wins in
// every theme. The accent is one that white text reads on in both themes (a page that sets only
// --convex-chat-accent keeps readable buttons in dark mode). Dark defaults apply to theme="dark",
// and to theme="auto" when the visitor prefers dark.
const dark = css`
  --_default-accent: #5e5ce6;
  --_default-surface: #17181d;
  --_default-text: #e9eaf0;
  --_default-danger: #fda29b;
  color-scheme: dark;
`;

export default css`
  :host {
    --_default-accent: #4f46e5;
    --_default-surface: #fff;
    --_default-text: #1f2330;
    --_default-danger: #b42318;
    color-scheme: light;

    --_accent: var(--convex-chat-accent, var(--_default-accent));
    --_accent-text: var(--convex-chat-accent-text, #fff);
    --_surface: var(--convex-chat-surface, var(--_default-surface));
    --_text: var(--convex-chat-text, var(--_default-text));
    --_muted: var(--convex-chat-muted, color-mix(in srgb, var(--_text) 70%, var(--_surface)));
    --_border: var(--convex-chat-border, color-mix(in srgb, var(--_text) 14%, var(--_surface)));
    --_danger: var(--convex-chat-danger, var(--_default-danger));
    --_danger-surface: color-mix(in srgb, var(--_danger) 12%, var(--_surface));
    --_assistant-bubble: color-mix(in srgb, var(--_text) 6%, var(--_surface));
    --_header: color-mix(in srgb, var(--_accent) 7%, var(--_surface));
    --_radius: var(--convex-chat-radius, 16px);
    --_font: var(--convex-chat-font, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif);
    --_font-size: var(--convex-chat-font-size, 15px);
    --_launcher-size: var(--convex-chat-launcher-size, 56px);
    --_offset: var(--convex-chat-offset, 20px);
    --_z-index: var(--convex-chat-z-index, 2147483000);
    --_panel-width: var(--convex-chat-panel-width, 400px);
    --_panel-height: var(--convex-chat-panel-height, 600px);
    --_shadow: var(--convex-chat-shadow, 0 16px 40px -12px rgb(15 23 42 / 0.3), 0 2px 8px rgb(15 23 42 / 0.08));
  }
  :host([theme="dark"]) { ${dark} }
  @media (prefers-color-scheme: dark) {
    :host([theme="auto"]) { ${dark} }
  }
`;
