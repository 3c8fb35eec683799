/** Path of a headless Chromium: CHROME_PATH, a system Chromium, or @sparticuz/chromium's. */
export function findChromium(): Promise<string>;
/** Flags for a quiet headless Chromium on a machine with no network. */
export const chromiumArgs: string[];
