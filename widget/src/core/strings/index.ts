// The chat's text: built-in tables per language, overridable key by key. Framework-free.
import { ar } from "./ar.js";
import { de } from "./de.js";
import { en } from "./en.js";
import { es } from "./es.js";
import { fr } from "./fr.js";
import { he } from "./he.js";
import type { ChatStrings, StringTable } from "./types.js";

export type { ChatStrings } from "./types.js";

// Each is a complete StringTable: a key missing from one is a compile error (types.ts).
const tables: Record<string, StringTable> = { ar, de, en, es, fr, he };

/** Languages with built-in strings. */
export const builtInLanguages = Object.keys(tables);

// Scripts written right to left (BCP 47 primary subtags).
const rtlLanguages = new Set(["ar", "arc", "ckb", "dv", "fa", "he", "iw", "ks", "ps", "sd", "syr", "ug", "ur", "yi"]);

// Deprecated codes browsers and CMSs still emit for languages with tables.
const aliases: Record<string, string> = { iw: "he" };
const primary = (lang: string) => {
  const code = lang.trim().toLowerCase().split(/[-_]/)[0] ?? "";
  return aliases[code] ?? code;
};

/** Whether `lang` (e.g. `he`, `ar-EG`) is written right to left. */
export function isRtlLanguage(lang: string): boolean {
  return rtlLanguages.has(primary(lang));
}

/**
 * The strings for `lang` (English for a language without built-in strings), with `overrides` on top.
 * Overrides that are not strings/functions of the right kind are ignored rather than shown as
 * "undefined" or thrown on: they come from page scripts.
 */
export function resolveStrings(lang: string, overrides?: Partial<ChatStrings> | null): ChatStrings {
  const base = tables[primary(lang)] ?? en;
  if (!overrides) return base;
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(overrides)) {
    if (!(key in base)) continue;
    if (typeof value === typeof (base as Record<string, unknown>)[key]) merged[key] = value;
  }
  return merged as unknown as ChatStrings;
}
