// Dates as an operator reads them in a list: the time for today, else the date. Framework-free.
import { intlLocale } from "./locale.js";

/** `at` as a short label in `lang`: "14:05" today, "3 Mar" this year, "3 Mar 2024" before. */
export function shortTime(at: number, lang: string, now = Date.now()): string {
  const date = new Date(at);
  const today = new Date(now);
  const locale = intlLocale(lang);
  if (date.toDateString() === today.toDateString()) {
    return new Intl.DateTimeFormat(locale, { hour: "2-digit", minute: "2-digit" }).format(date);
  }
  const sameYear = date.getFullYear() === today.getFullYear();
  return new Intl.DateTimeFormat(locale, { day: "numeric", month: "short", year: sameYear ? undefined : "numeric" }).format(date);
}

/** `at` in full ("3 March 2025, 14:05") for details and tooltips. */
export function longTime(at: number, lang: string): string {
  return new Intl.DateTimeFormat(intlLocale(lang), { dateStyle: "medium", timeStyle: "short" }).format(new Date(at));
}
