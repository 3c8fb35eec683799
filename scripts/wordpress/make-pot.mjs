// Writes integrations/wordpress/convex-chat/languages/convex-chat.pot from the plugin's gettext
// calls (__, _e, esc_html__, esc_html_e, esc_attr__, esc_attr_e with the "convex-chat" domain),
// as WP-CLI's `wp i18n make-pot` would, without needing WP-CLI.
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";

export const pluginDir = resolve(import.meta.dirname, "../../integrations/wordpress/convex-chat");
const CALL = /\b(?:__|_e|esc_html__|esc_html_e|esc_attr__|esc_attr_e)\(\s*(['"])((?:\\.|(?!\1).)*)\1\s*,\s*['"]convex-chat['"]\s*\)/g;

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? (name === "assets" ? [] : files(path)) : /\.(php|js)$/.test(name) ? [path] : [];
  });
}

/** The .pot text for the plugin's sources. */
export function makePot() {
  const entries = new Map();
  for (const file of files(pluginDir).sort()) {
    const lines = readFileSync(file, "utf8").split("\n");
    lines.forEach((line, index) => {
      for (const match of line.matchAll(CALL)) {
        const text = match[1] === "'" ? match[2].replace(/\\'/g, "'") : match[2].replace(/\\"/g, '"');
        const refs = entries.get(text) ?? [];
        refs.push(`${relative(pluginDir, file)}:${index + 1}`);
        entries.set(text, refs);
      }
    });
  }
  const quote = (text) => `"${text.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
  let pot =
    `# Copyright (C) convex-chat\n# This file is distributed under the MIT license.\nmsgid ""\nmsgstr ""\n` +
    `"Project-Id-Version: Convex Chat 0.1.0\\n"\n"MIME-Version: 1.0\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n` +
    `"Content-Transfer-Encoding: 8bit\\n"\n"X-Domain: convex-chat\\n"\n`;
  for (const [text, refs] of entries) pot += `\n#: ${refs.join(" ")}\nmsgid ${quote(text)}\nmsgstr ""\n`;
  return pot;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync(join(pluginDir, "languages/convex-chat.pot"), makePot());
  console.log("languages/convex-chat.pot written");
}
