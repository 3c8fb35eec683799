// A tiny static server for the demo host pages: serves demo/ at / (the operators' console at
// /console) and the built widget at /dist/, filling the pages' %CONVEX_URL% and %SITE_URL%
// placeholders with the backend's URLs.
import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize, resolve, sep } from "node:path";

const root = resolve(import.meta.dirname, "..");
/** Pages served at a path without `.html`. */
const ROUTES: Record<string, string> = { "/console": "/console.html", "/console/": "/console.html" };
const contentTypes: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".map": "application/json",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
};

export interface DemoServerOptions {
  /** Port to listen on; 0 picks a free one. */
  port: number;
  /** The Convex deployment URL the pages embed. */
  convexUrl: string;
  /** The deployment's site URL (http routes). */
  siteUrl: string;
  host?: string;
}

/**
 * Maps a request path to a file under demo/ or dist/, or undefined when it is outside them.
 * Throws URIError on a path that is not valid percent-encoding.
 */
function fileFor(pathname: string): string | undefined {
  const clean = normalize(decodeURIComponent(pathname)).replace(/^([/\\])+/, "");
  const [base, relative] =
    clean.startsWith(`dist${sep}`) || clean === "dist" ? [join(root, "dist"), clean.slice(5)] : [join(root, "demo"), clean || "index.html"];
  const file = resolve(base, relative);
  return file.startsWith(base + sep) ? file : undefined;
}

/**
 * The strict policy demo/csp.html is served with (issue 5): nothing inline, scripts and styles only
 * from this origin, connections only to the deployment, and Trusted Types enforced (Lit's template
 * policy `lit-html` is the only one allowed).
 */
export function strictCsp({ convexUrl, siteUrl }: Pick<DemoServerOptions, "convexUrl" | "siteUrl">): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    // The sync WebSocket (ws/wss) and the http actions (stream route, token refresh).
    `connect-src ${[convexUrl, convexUrl.replace(/^http/, "ws"), siteUrl].map((url) => new URL(url).origin).join(" ")}`,
    "require-trusted-types-for 'script'",
    "trusted-types lit-html",
  ].join("; ");
}

export async function startDemoServer(options: DemoServerOptions) {
  const server = createServer(async (request, response) => {
    let file: string | undefined;
    try {
      const { pathname } = new URL(request.url ?? "/", "http://demo");
      file = fileFor(ROUTES[pathname] ?? pathname);
    } catch {
      return void response.writeHead(400).end("Bad request");
    }
    const type = file && contentTypes[extname(file)];
    if (!file || !type || file.endsWith(".ts")) return void response.writeHead(404).end("Not found");
    try {
      let body: Buffer | string = await readFile(file);
      if (type.startsWith("text/html")) {
        body = body.toString("utf8").replaceAll("%CONVEX_URL%", options.convexUrl).replaceAll("%SITE_URL%", options.siteUrl);
      }
      const headers: Record<string, string> = { "Content-Type": type, "Cache-Control": "no-store" };
      if (file.endsWith(`${sep}csp.html`)) headers["Content-Security-Policy"] = strictCsp(options);
      response.writeHead(200, headers).end(body);
    } catch {
      response.writeHead(404).end("Not found");
    }
  });
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolveListen, rejectListen) => {
    server.once("error", rejectListen);
    server.listen(options.port, host, () => {
      server.off("error", rejectListen);
      resolveListen();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    close: () =>
      new Promise<void>((resolveClose) => {
        server.close(() => resolveClose());
        server.closeAllConnections();
      }),
  };
}
