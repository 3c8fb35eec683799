// Finds a headless Chromium with nothing installed by hand: CHROME_PATH first, then a system
// Chromium (Debian's package), then the one shipped inside the @sparticuz/chromium npm package.
import { existsSync } from "node:fs";

const systemPaths = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

/** @returns {Promise<string>} path of a Chromium executable */
export async function findChromium() {
  if (process.env.CHROME_PATH) return process.env.CHROME_PATH;
  const system = systemPaths.find((path) => existsSync(path));
  if (system) return system;
  const { default: chromium } = await import("@sparticuz/chromium");
  return chromium.executablePath();
}

/** Flags for a quiet headless Chromium on a machine with no network (see shared notes). */
export const chromiumArgs = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
