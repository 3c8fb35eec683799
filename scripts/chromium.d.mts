/** Path of a headless Chromium executable: CHROME_PATH, then a system Chromium, then @sparticuz/chromium's. */
export function findChromium(): Promise<string>;
/** Flags for a quiet headless Chromium on a machine with no network (no sandbox, GPU, QUIC, background traffic). */
export const chromiumArgs: string[];
