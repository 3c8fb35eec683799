// A loopback server speaking the OpenAI Chat Completions streaming wire format (SSE `data:`
// chunks, a finish_reason chunk, then `data: [DONE]`), to test the real provider client.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** How the server answers one request. */
export type Script = {
  /** Content pieces, one SSE chunk each. */
  pieces: string[];
  /** Non-200 answer instead of a stream (with a JSON error body). */
  status?: number;
  /** Cut the connection after this many pieces (a mid-stream failure). */
  failAfter?: number;
  /** Send an in-stream `{"error": ...}` event after this many pieces. */
  errorAfter?: number;
  /** Hold the stream after this many pieces until `release()` is called. */
  holdAfter?: number;
  /**
   * After the pieces, the model calls this tool (streamed as Chat Completions does it: a
   * `tool_calls` delta with the id and name, then the arguments in pieces) and finishes with
   * `tool_calls` instead of `stop`.
   */
  toolCall?: { name: string; arguments: string };
};

export type RecordedRequest = {
  url: string;
  headers: IncomingMessage["headers"];
  body: any;
  /** Set once the connection closed before the answer was complete (the client aborted, or a scripted cut). */
  closedEarly?: boolean;
};

export type OpenAIServer = {
  /** Base URL to use as OPENAI_BASE_URL, e.g. http://127.0.0.1:PORT/v1 */
  baseUrl: string;
  requests: RecordedRequest[];
  /** Lets a held stream (see `holdAfter`) continue. */
  release(): void;
  close(): Promise<void>;
};

export async function startOpenAIServer(script: Script): Promise<OpenAIServer> {
  const requests: RecordedRequest[] = [];
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));

  const server = createServer(async (req, res) => {
    let raw = "";
    for await (const chunk of req) raw += chunk;
    const recorded: RecordedRequest = { url: req.url ?? "", headers: req.headers, body: JSON.parse(raw || "null") };
    requests.push(recorded);
    res.on("close", () => void (res.writableFinished || (recorded.closedEarly = true)));
    if (req.method !== "POST" || req.url !== "/v1/chat/completions") {
      res.writeHead(404).end();
      return;
    }
    if (script.status !== undefined) {
      res.writeHead(script.status, { "Content-Type": "application/json" });
      res.end(JSON.stringify({ error: { message: "scripted failure", type: "server_error" } }));
      return;
    }
    await streamPieces(res, script, released);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    release,
    close: () =>
      new Promise<void>((resolve) => {
        release();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function streamPieces(res: ServerResponse, script: Script, released: Promise<void>) {
  res.writeHead(200, { "Content-Type": "text/event-stream", "Cache-Control": "no-cache" });
  // Resolves once the bytes are handed to the socket, so a cut after it still delivers them.
  const send = (payload: unknown) => new Promise<void>((resolve) => res.write(`data: ${JSON.stringify(payload)}\n\n`, () => resolve()));
  const chunk = (delta: object, finish: string | null = null) => ({
    id: "chatcmpl-test",
    object: "chat.completion.chunk",
    created: 1,
    model: "test-model",
    choices: [{ index: 0, delta, finish_reason: finish }],
  });
  await send(chunk({ role: "assistant", content: "" }));
  for (const [index, piece] of script.pieces.entries()) {
    if (index === script.failAfter) return void res.socket?.destroy();
    if (index === script.errorAfter) {
      await send({ error: { message: "scripted in-stream error" } });
      return void res.end();
    }
    if (index === script.holdAfter) await released;
    await send(chunk({ content: piece }));
  }
  if (script.failAfter === script.pieces.length) return void res.socket?.destroy();
  if (script.toolCall) {
    const { name, arguments: args } = script.toolCall;
    await send(chunk({ tool_calls: [{ index: 0, id: "call_test", type: "function", function: { name, arguments: "" } }] }));
    for (let i = 0; i < args.length; i += 8)
      await send(chunk({ tool_calls: [{ index: 0, function: { arguments: args.slice(i, i + 8) } }] }));
    await send(chunk({}, "tool_calls"));
    return void res.end("data: [DONE]\n\n");
  }
  await send(chunk({}, "stop"));
  res.end("data: [DONE]\n\n");
}
