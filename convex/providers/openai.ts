import { sseData } from "./sse";
import { ProviderError, type ReplyProvider, type ReplyRequest } from "./types";

export const DEFAULT_OPENAI_BASE_URL = "https://api.openai.com/v1";
export const DEFAULT_OPENAI_MODEL = "gpt-4o-mini";

export type OpenAIOptions = { apiKey: string; baseUrl?: string; model?: string };

type ChatCompletionChunk = {
  choices?: { delta?: { content?: string | null }; finish_reason?: string | null }[];
  error?: { message?: string };
};

/**
 * Any OpenAI-compatible Chat Completions endpoint (OpenAI, Ollama, vLLM, llama.cpp server…),
 * streaming: POST `{baseUrl}/chat/completions` with `stream: true`, read SSE `data:` chunks until
 * `[DONE]`. A body that ends before `[DONE]` or a finish reason is a failure, not a short reply.
 */
export class OpenAICompatibleProvider implements ReplyProvider {
  readonly name = "openai";
  private readonly url: string;
  private readonly model: string;

  constructor(private readonly options: OpenAIOptions) {
    this.url = `${(options.baseUrl ?? DEFAULT_OPENAI_BASE_URL).replace(/\/+$/, "")}/chat/completions`;
    this.model = options.model ?? DEFAULT_OPENAI_MODEL;
  }

  async *generate(request: ReplyRequest): AsyncGenerator<string> {
    const response = await this.post(request);
    if (!response.ok || response.body === null) {
      const detail = (await response.text().catch(() => "")).slice(0, 300);
      throw new ProviderError(`The AI provider answered HTTP ${response.status}${detail ? `: ${detail}` : ""}`);
    }
    let finished = false;
    try {
      for await (const data of sseData(response.body)) {
        if (data.trim() === "[DONE]") return;
        const chunk = parseChunk(data);
        if (chunk.error) throw new ProviderError(`The AI provider failed: ${chunk.error.message ?? "unknown error"}`);
        const choice = chunk.choices?.[0];
        const content = choice?.delta?.content;
        if (content) yield content;
        if (choice?.finish_reason) finished = true;
      }
    } catch (error) {
      if (error instanceof ProviderError) throw error;
      throw new ProviderError(`The connection to the AI provider broke: ${String(error)}`);
    }
    if (!finished) throw new ProviderError("The AI provider ended the reply before finishing it.");
  }

  private async post({ system, history }: ReplyRequest): Promise<Response> {
    try {
      return await fetch(this.url, {
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          Accept: "text/event-stream",
          Authorization: `Bearer ${this.options.apiKey}`,
        },
        body: JSON.stringify({
          model: this.model,
          stream: true,
          messages: [{ role: "system", content: system }, ...history],
        }),
      });
    } catch (error) {
      throw new ProviderError(`Could not reach the AI provider: ${String(error)}`);
    }
  }
}

function parseChunk(data: string): ChatCompletionChunk {
  try {
    return JSON.parse(data) as ChatCompletionChunk;
  } catch {
    throw new ProviderError(`The AI provider sent an unreadable chunk: ${data.slice(0, 100)}`);
  }
}
