import { afterEach, describe, expect, test } from "vitest";
import { providerFromEnv, systemPromptFromEnv, DEFAULT_SYSTEM_PROMPT } from "../providers";
import { OfflineProvider } from "../providers/offline";
import { offlineReplyText, parseLengthRequest } from "../providers/offlineText";
import { OpenAICompatibleProvider, PROVIDER_FAILURE } from "../providers/openai";
import { sseData } from "../providers/sse";
import { ProviderError, type GenerationRequest } from "../providers/types";
import { startOpenAIServer, type OpenAIServer } from "./openaiServer.helpers";

const request: GenerationRequest = {
  system: "Be brief.",
  history: [
    { role: "user", content: "Hi" },
    { role: "assistant", content: "Hello!" },
    { role: "user", content: "What is Convex?" },
  ],
};

async function collect(pieces: AsyncIterable<string>): Promise<{ pieces: string[]; error?: unknown }> {
  const seen: string[] = [];
  try {
    for await (const piece of pieces) seen.push(piece);
    return { pieces: seen };
  } catch (error) {
    return { pieces: seen, error };
  }
}

describe("OpenAI-compatible provider against a loopback Chat Completions server", () => {
  let server: OpenAIServer | undefined;
  afterEach(async () => server?.close());

  const provider = (s: OpenAIServer) => new OpenAICompatibleProvider({ apiKey: "sk-test", baseUrl: `${s.baseUrl}/`, model: "test-model" });

  test("streams the content pieces and sends model, system prompt and history", async () => {
    server = await startOpenAIServer({ pieces: ["Convex ", "is a ", "database."] });
    const result = await collect(provider(server).generate(request));
    expect(result).toEqual({ pieces: ["Convex ", "is a ", "database."] });
    expect(server.requests).toHaveLength(1);
    const [sent] = server.requests;
    expect(sent.headers.authorization).toBe("Bearer sk-test");
    expect(sent.body).toEqual({
      model: "test-model",
      stream: true,
      messages: [{ role: "system", content: "Be brief." }, ...request.history],
    });
  });

  test("a connection cut mid-stream fails after yielding what arrived", async () => {
    server = await startOpenAIServer({ pieces: ["One. ", "Two ", "three"], failAfter: 2 });
    const result = await collect(provider(server).generate(request));
    expect(result.pieces).toEqual(["One. ", "Two "]);
    expect(result.error).toBeInstanceOf(ProviderError);
    expect((result.error as Error).message).toBe(PROVIDER_FAILURE.lost);
  });

  // What the provider sends back may hold account details or echo the prompt: it goes to the
  // log (`detail`) only; the message, shown to visitors, names the class of failure.
  test("an in-stream error event fails by class, its text kept for the log only", async () => {
    server = await startOpenAIServer({ pieces: ["One. ", "Two"], errorAfter: 1 });
    const result = await collect(provider(server).generate(request));
    expect(result.pieces).toEqual(["One. "]);
    const error = result.error as ProviderError;
    expect(error.message).toBe(PROVIDER_FAILURE.failed);
    expect(error.detail).toContain("scripted in-stream error");
  });

  test("an HTTP error fails with the status, the body kept for the log only", async () => {
    server = await startOpenAIServer({ pieces: [], status: 401 });
    const result = await collect(provider(server).generate(request));
    expect(result.pieces).toEqual([]);
    const error = result.error as ProviderError;
    expect(error.message).toBe("The AI provider refused the request (HTTP 401).");
    expect(error.detail).toMatch(/401.*scripted failure/);
  });

  test("a provider silent for longer than the idle timeout fails as a timeout, keeping what arrived", async () => {
    server = await startOpenAIServer({ pieces: ["One. ", "Two"], holdAfter: 1 });
    const idle = new OpenAICompatibleProvider({ apiKey: "k", baseUrl: server.baseUrl, idleTimeoutMs: 300 });
    const result = await collect(idle.generate(request));
    expect(result.pieces).toEqual(["One. "]);
    expect((result.error as Error).message).toBe(PROVIDER_FAILURE.timeout);
  });

  test("a reply over the total time limit fails as a timeout even while bytes arrive", async () => {
    // Held before the first piece: the role chunk has arrived, so the idle timer alone cannot fire.
    server = await startOpenAIServer({ pieces: ["One. "], holdAfter: 0 });
    const slow = new OpenAICompatibleProvider({ apiKey: "k", baseUrl: server.baseUrl, timeoutMs: 300, idleTimeoutMs: 60_000 });
    const result = await collect(slow.generate(request));
    expect(result.pieces).toEqual([]);
    expect((result.error as Error).message).toBe(PROVIDER_FAILURE.timeout);
  });

  test("an unreachable provider fails clearly", async () => {
    server = await startOpenAIServer({ pieces: [] });
    const baseUrl = server.baseUrl;
    await server.close();
    server = undefined;
    const result = await collect(new OpenAICompatibleProvider({ apiKey: "k", baseUrl }).generate(request));
    expect((result.error as Error).message).toBe(PROVIDER_FAILURE.unreachable);
  });
});

describe("sseData", () => {
  function body(parts: string[]): ReadableStream<Uint8Array> {
    const encoder = new TextEncoder();
    return new ReadableStream({
      start(controller) {
        for (const part of parts) controller.enqueue(encoder.encode(part));
        controller.close();
      },
    });
  }

  test("joins events split across reads, CRLF lines and multi-line data; skips comments", async () => {
    const events: string[] = [];
    const parts = [": keep-alive\r\n\r\nda", 'ta: {"a":1}\r', "\n\r\ndata: line1\ndata: line2\n\n", "data: last"];
    for await (const data of sseData(body(parts))) events.push(data);
    expect(events).toEqual(['{"a":1}', "line1\nline2", "last"]);
  });

  test("decodes multi-byte characters split across reads", async () => {
    const bytes = new TextEncoder().encode("data: héllo 👋\n\n");
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const byte of bytes) controller.enqueue(new Uint8Array([byte]));
        controller.close();
      },
    });
    const events: string[] = [];
    for await (const data of sseData(stream)) events.push(data);
    expect(events).toEqual(["héllo 👋"]);
  });
});

describe("offline responder", () => {
  test("says it is the offline demo and answers what was asked, the same way every time", async () => {
    const provider = new OfflineProvider({ tokenDelayMs: 0 });
    const first = (await collect(provider.generate(request))).pieces;
    const second = (await collect(provider.generate(request))).pieces;
    expect(first.length).toBeGreaterThan(10);
    expect(second).toEqual(first);
    const text = first.join("");
    expect(text).toContain("offline demo");
    expect(text).toContain('You asked: "What is Convex?"');
  });

  test("writes exactly the number of characters or words asked for", () => {
    const eightKb = offlineReplyText("Please reply with 8192 characters.", parseLengthRequest("reply with 8192 characters"));
    expect(eightKb).toHaveLength(8192);
    expect(eightKb).toMatch(/^[\x20-\x7e]+$/);
    expect(new TextEncoder().encode(eightKb)).toHaveLength(8192);
    expect(offlineReplyText("x", parseLengthRequest("give me 300 words")).split(" ")).toHaveLength(300);
    expect(parseLengthRequest("8192 bytes please")).toEqual({ unit: "chars", count: 8192 });
    expect(parseLengthRequest("hello")).toBeNull();
  });

  test("OFFLINE_REPLY_CHARS fixes the reply length for every message", async () => {
    const provider = providerFromEnv({ OFFLINE_REPLY_CHARS: "500", OFFLINE_TOKEN_DELAY_MS: "0" });
    expect(provider.name).toBe("offline");
    expect((await collect(provider.generate(request))).pieces.join("")).toHaveLength(500);
  });
});

describe("provider selection", () => {
  test("uses the OpenAI-compatible provider only when OPENAI_API_KEY is set", () => {
    expect(providerFromEnv({}).name).toBe("offline");
    expect(providerFromEnv({ OPENAI_API_KEY: "  " }).name).toBe("offline");
    expect(providerFromEnv({ OPENAI_API_KEY: "sk-1" }).name).toBe("openai");
  });

  test("takes the system prompt from SYSTEM_PROMPT, with a default", () => {
    expect(systemPromptFromEnv({})).toBe(DEFAULT_SYSTEM_PROMPT);
    expect(systemPromptFromEnv({ SYSTEM_PROMPT: "Talk like a pirate." })).toBe("Talk like a pirate.");
  });
});
