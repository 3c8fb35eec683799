// Typed re-export of the lead's scripts/chromium.mjs for TypeScript callers (see chromium.d.mts).
export { chromiumArgs, findChromium } from "../scripts/chromium.mjs";
