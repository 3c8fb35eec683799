// The console's text: built-in tables per language, overridable key by key (like the widget's,
// in their own module so that the visitor's bundle carries none of them). Framework-free.
import { en } from "./en.js";
import { fr } from "./fr.js";
import type { ConsoleStrings, ConsoleStringTable } from "./types.js";

export type { ConsoleStrings } from "./types.js";

const tables: Record<string, ConsoleStringTable> = { en, fr };

/** Languages with built-in console strings. */
export const consoleLanguages = Object.keys(tables);

/** The console strings for `lang` (English when it has none), with `overrides` of the right type on top. */
export function resolveConsoleStrings(lang: string, overrides?: Partial<ConsoleStrings> | null): ConsoleStrings {
  const base = tables[lang.trim().toLowerCase().split(/[-_]/)[0] ?? ""] ?? en;
  if (!overrides) return base;
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(overrides)) {
    if (key in base && typeof value === typeof (base as Record<string, unknown>)[key]) merged[key] = value;
  }
  return merged as unknown as ConsoleStrings;
}
