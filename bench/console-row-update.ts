/**
 * Issue 10: a visitor's message → the row updated in an open console. A visitor (a real
 * ConvexClient, signed in anonymously) sends into one conversation; the seeded owner's client
 * (a real ConvexClient over `ws`, signed in with the password provider) holds the subscription the
 * console holds, `inbox:listConversations` on `demo`; the clock runs from calling `sendMessage`
 * until that subscription delivers a first row whose preview is the message. Each reply is stopped
 * before the next send (the next message must not wait for it). Also the console bundle's size.
 * `npx tsx bench/console-row-update.ts` prints both alone (own backend and build).
 */
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { ConvexClient } from "convex/browser";
import WebSocket from "ws";
import { api } from "../convex/_generated/api.js";
import { DEFAULT_DEMO_OWNER_PASSWORD, DEMO_OWNER_EMAIL } from "../local-backend/src/demo-seed.ts";
import type { BenchBackend } from "./backend.ts";
import { kib, ms, percentile, type Figure } from "./stats.ts";
import { openVisitor, SITE_KEY } from "./visitor.ts";

const root = resolve(import.meta.dirname, "..");
export const CONSOLE_BUNDLE = join(root, "dist/convex-chat-console.js");

type Row = { conversationId: string; preview: string };

/** The seeded owner, signed in over the password provider. */
async function openOwner(url: string): Promise<ConvexClient> {
  const client = new ConvexClient(url, { webSocketConstructor: WebSocket as never, logger: false, unsavedChangesWarning: false });
  const password = process.env.DEMO_OWNER_PASSWORD || DEFAULT_DEMO_OWNER_PASSWORD;
  const result = await client.action(api.auth.signIn, {
    provider: "password",
    params: { email: DEMO_OWNER_EMAIL, password, flow: "signIn" },
  });
  const token = result.tokens?.token;
  if (!token) throw new Error("The owner's sign-in returned no token");
  if (!(await new Promise<boolean>((done) => client.setAuth(async () => token, done)))) throw new Error("The owner's token was refused");
  return client;
}

export async function measureConsoleRowUpdate(backend: Pick<BenchBackend, "url">, samples: number): Promise<Figure> {
  const owner = await openOwner(backend.url);
  const visitor = await openVisitor(backend.url);
  let waiting: { text: string; resolve: (at: number) => void } | undefined;
  const unsubscribe = owner.onUpdate(
    api.inbox.listConversations,
    { siteKey: SITE_KEY, filter: "all", paginationOpts: { numItems: 25, cursor: null } },
    (result) => {
      const at = performance.now();
      if (waiting && (result.page as Row[]).some((row) => row.preview === waiting!.text)) waiting.resolve(at);
    },
  );
  const values: number[] = [];
  let conversationId: string | undefined;
  try {
    for (let i = -1; i < samples; i++) {
      // i = -1: one warm-up send, not counted
      const text = `Row update ${i + 2}: is the jasmine tea in stock? ${Math.random().toString(36).slice(2, 8)}`;
      const shown = new Promise<number>((resolve) => (waiting = { text, resolve }));
      const start = performance.now();
      const sent = await visitor.client.mutation(api.chat.sendMessage, {
        siteKey: SITE_KEY,
        text,
        ...(conversationId ? { conversationId: conversationId } : {}),
      });
      conversationId = sent.conversationId;
      const at = await Promise.race([
        shown,
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error("No row update within 30 s")), 30_000)),
      ]);
      if (i >= 0) values.push(at - start);
      if (sent.streamId !== null) await visitor.client.mutation(api.chat.stopReply, { streamId: sent.streamId });
    }
  } finally {
    unsubscribe();
    await visitor.close();
    await owner.close();
  }
  return {
    title: "Issue 10 — a visitor's message → the row updated in an open console (inbox:listConversations subscription)",
    results: [
      `p50 ${ms(percentile(values, 50))}, p90 ${ms(percentile(values, 90))}, max ${ms(Math.max(...values))} over ${values.length} messages`,
    ],
    method:
      "local backend (own process) on loopback; a visitor ConvexClient calls chat:sendMessage into one conversation; the seeded " +
      "owner's ConvexClient (password sign-in) subscribed to inbox:listConversations {siteKey: demo, filter: all, 25 rows}; " +
      "performance.now() from the call to the first update whose rows hold the message as a preview; 1 warm-up not counted; " +
      "each reply stopped (chat:stopReply) before the next send.",
  };
}

/** The console's own script (dist/convex-chat-console.js), gzip level 9, as figure 3 measures the widget's. */
export function measureConsoleBundleSize(buildState: string): Figure {
  const raw = readFileSync(CONSOLE_BUNDLE);
  const gzip = gzipSync(raw, { level: 9 }).length;
  const widget = readFileSync(join(root, "dist/convex-chat.js"), "utf8");
  const leaked = ["inbox:listConversations", "convex-chat-console", "siteSettings:"].filter((marker) => widget.includes(marker));
  return {
    title:
      "Issue 10 — console bundle dist/convex-chat-console.js (IIFE: the console, Lit, the Convex client and the markdown renderer inside)",
    results: [
      `gzip ${gzip} bytes (${kib(gzip)}), raw ${raw.length} bytes (${kib(raw.length)})`,
      `console code in the visitor's dist/convex-chat.js: ${leaked.length === 0 ? "none" : `FOUND ${leaked.join(", ")}`}`,
    ],
    method: `vite build (${buildState}), then node:zlib gzipSync level 9 of the whole file; 1 KB = 1024 bytes; the visitor's bundle searched for console-only names.`,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { ensureBuilt } = await import("./bundle-size.ts");
  const { startBenchBackend } = await import("./backend.ts");
  const { printFigure } = await import("./stats.ts");
  const built = ensureBuilt();
  const backend = await startBenchBackend({ name: "console" });
  try {
    printFigure(7, await measureConsoleRowUpdate(backend, 20));
    printFigure(8, measureConsoleBundleSize(built));
  } finally {
    await backend.close();
  }
}
