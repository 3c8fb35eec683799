// Page languages come as authors write them: `en_US`, `EN-us`, `x`, or garbage. Intl throws a
// RangeError on a tag it cannot parse, which in a render would break the whole element.

/**
 * The BCP 47 tag for `lang` that Intl accepts (`en_US` becomes `en-US`), or undefined (Intl then
 * uses the browser's default) when there is none or it is not a valid tag.
 */
export function intlLocale(lang: string | null | undefined): string | undefined {
  const tag = lang?.trim().replace(/_/g, "-");
  if (!tag) return undefined;
  try {
    return Intl.getCanonicalLocales(tag)[0];
  } catch {
    return undefined;
  }
}
