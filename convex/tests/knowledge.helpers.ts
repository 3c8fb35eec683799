// The knowledge base's test rig: the local backend's real embeddings server (the small model
// shipped in npm packages, on loopback) pointed at by the env the functions read, a loopback
// "site" serving pages and sitemaps for addUrl, and a visitor asking and reading a reply.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { api } from "../_generated/api";
import {
  LOCAL_EMBEDDING_DIMENSIONS,
  LOCAL_EMBEDDING_MODEL,
  startEmbeddingsServer,
  type EmbeddingsServer,
} from "../../local-backend/src/embeddings-server";
import { readChunks, setEnv, streamRequest } from "./stream.helpers";
import { lastMessage, type Visitor } from "./visitors.helpers";

/** Starts the embeddings server and sets EMBEDDINGS_* (and the offline responder, at full speed). */
export async function useLocalEmbeddings(): Promise<{ server: EmbeddingsServer; restore: () => Promise<void> }> {
  const server = await startEmbeddingsServer();
  const restoreEnv = setEnv({
    EMBEDDINGS_BASE_URL: server.baseUrl,
    EMBEDDINGS_MODEL: LOCAL_EMBEDDING_MODEL,
    EMBEDDINGS_DIMENSIONS: String(LOCAL_EMBEDDING_DIMENSIONS),
    OFFLINE_TOKEN_DELAY_MS: "0",
    OPENAI_API_KEY: undefined,
  });
  return { server, restore: async () => (restoreEnv(), await server.close()) };
}

export type PageRoute = { status?: number; type?: string; body?: string; location?: string };

/** A loopback web site: `routes` by path; records every request's path. */
export async function startPageServer(routes: Record<string, PageRoute | ((origin: string) => PageRoute)>) {
  const requests: string[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    requests.push(req.url ?? "");
    const found = routes[req.url ?? ""];
    const route = typeof found === "function" ? found(origin) : found;
    if (!route) return void res.writeHead(404, { "content-type": "text/plain" }).end("not found");
    const headers: Record<string, string> = { "content-type": route.type ?? "text/html; charset=utf-8" };
    if (route.location) headers.location = route.location;
    res.writeHead(route.status ?? 200, headers).end(route.body ?? "");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    requests,
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}

/** Sends `text` as the visitor, reads the whole reply from the stream route, returns it as stored. */
export async function ask(visitor: Visitor, siteKey: string, text: string, origin: string, conversationId?: string) {
  const sent = await visitor.as.mutation(api.chat.sendMessage, { siteKey, text, conversationId });
  const streamed = (await readChunks(await visitor.as.fetch(`/chat-stream?site=${siteKey}`, streamRequest(sent.streamId!, origin)))).join(
    "",
  );
  return { sent, streamed, reply: await lastMessage(visitor, sent.conversationId) };
}

/** A help page as a site would serve it: navigation and scripts around the text. */
export function helpPage(title: string, paragraphs: string[]): string {
  return `<!doctype html><html><head><title>${title}</title><script>var tracking = "ignore me";</script></head>
<body><nav><a href="/">Home</a> · <a href="/help">Help</a></nav><main><h1>${title}</h1>
${paragraphs.map((p) => `<p>${p}</p>`).join("\n")}
</main><footer>© Shop</footer></body></html>`;
}
