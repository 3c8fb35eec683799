import { RequestDeadline } from "./deadline";
import { HANDOFF_TOOL, HANDOFF_TOOL_NAME, HANDOVER_SENTENCE } from "./handoff";
import { sseData } from "./sse";
import { ProviderError, type ReplyProvider, type GenerationRequest } from "./types";

export const DEFAULT_OPENAI_BASE_URL = "https://api.openai.com/v1";
export const DEFAULT_OPENAI_MODEL = "gpt-4o-mini";
/** Longest a whole reply may take (`OPENAI_TIMEOUT_MS`). */
export const DEFAULT_OPENAI_TIMEOUT_MS = 10 * 60_000;
/** Longest the provider may send nothing, headers included (`OPENAI_IDLE_TIMEOUT_MS`). */
export const DEFAULT_OPENAI_IDLE_TIMEOUT_MS = 30_000;

export type OpenAIOptions = {
  apiKey: string;
  baseUrl?: string;
  model?: string;
  timeoutMs?: number;
  idleTimeoutMs?: number;
  /** Offer the `request_handoff` tool (default true; `OPENAI_HANDOFF_TOOL=off` for models without tool support). */
  handoffTool?: boolean;
};

/**
 * What visitors are told, by class of failure. Never what the provider sent: its error bodies can
 * carry account details or echo the prompt. The detail goes to the server log only.
 */
export const PROVIDER_FAILURE = {
  refused: (status: number) => `The AI provider refused the request (HTTP ${status}).`,
  timeout: "The AI provider did not answer in time.",
  lost: "The connection to the AI provider was lost.",
  unreachable: "Could not reach the AI provider.",
  failed: "The AI provider reported an error while answering.",
  unreadable: "The AI provider sent an answer that could not be read.",
  unfinished: "The AI provider ended the reply before finishing it.",
} as const;

type ChatCompletionChunk = {
  choices?: {
    delta?: { content?: string | null; tool_calls?: { index?: number; function?: { name?: string; arguments?: string } }[] };
    finish_reason?: string | null;
  }[];
  error?: { message?: string };
};

/**
 * Any OpenAI-compatible Chat Completions endpoint (OpenAI, Ollama, vLLM, llama.cpp server…),
 * streaming: POST `{baseUrl}/chat/completions` with `stream: true`, read SSE `data:` chunks until
 * `[DONE]`. A body that ends before `[DONE]` or a finish reason is a failure, not a short reply.
 * The request is aborted after `timeoutMs`, after `idleTimeoutMs` without a byte, or when the
 * request's `signal` aborts (the reply was stopped).
 * With the request's `onHandoff`, the model is offered the `request_handoff` tool
 * (providers/handoff.ts); when it calls it (streamed `tool_calls` deltas, finish reason
 * `tool_calls`), the reply ends with the handover sentence and `onHandoff` is called.
 */
export class OpenAICompatibleProvider implements ReplyProvider {
  readonly name = "openai";
  private readonly url: string;
  private readonly model: string;

  constructor(private readonly options: OpenAIOptions) {
    this.url = `${(options.baseUrl ?? DEFAULT_OPENAI_BASE_URL).replace(/\/+$/, "")}/chat/completions`;
    this.model = options.model ?? DEFAULT_OPENAI_MODEL;
  }

  async *generate(request: GenerationRequest): AsyncGenerator<string> {
    const deadline = new RequestDeadline(
      this.options.timeoutMs ?? DEFAULT_OPENAI_TIMEOUT_MS,
      this.options.idleTimeoutMs ?? DEFAULT_OPENAI_IDLE_TIMEOUT_MS,
    );
    deadline.follow(request.signal);
    try {
      const response = await this.post(request, deadline);
      if (!response.ok || response.body === null) {
        const body = (await response.text().catch(() => "")).slice(0, 300);
        throw new ProviderError(PROVIDER_FAILURE.refused(response.status), `HTTP ${response.status}: ${body}`);
      }
      yield* this.read(response.body, deadline, request.onHandoff, request.onLengthLimit);
    } finally {
      deadline.clear();
    }
  }

  private async *read(
    body: ReadableStream<Uint8Array>,
    deadline: RequestDeadline,
    onHandoff?: () => void,
    onLengthLimit?: () => void,
  ): AsyncGenerator<string> {
    let finished = false;
    let wrote = false;
    let handoff = false;
    try {
      for await (const data of sseData(deadline.watch(body))) {
        if (data.trim() === "[DONE]") break;
        const chunk = parseChunk(data);
        if (chunk.error) throw new ProviderError(PROVIDER_FAILURE.failed, chunk.error.message ?? "unknown error");
        const choice = chunk.choices?.[0];
        const content = choice?.delta?.content;
        if (content) {
          wrote = true;
          yield content;
        }
        // The name comes in the tool call's first delta; its arguments (a reason) are not needed.
        if (choice?.delta?.tool_calls?.some((call) => call.function?.name === HANDOFF_TOOL_NAME)) handoff = true;
        if (choice?.finish_reason) finished = true;
        if (choice?.finish_reason === "length") onLengthLimit?.();
      }
    } catch (error) {
      if (error instanceof ProviderError) throw error;
      throw new ProviderError(deadline.expired ? PROVIDER_FAILURE.timeout : PROVIDER_FAILURE.lost, String(error));
    }
    if (!finished) throw new ProviderError(PROVIDER_FAILURE.unfinished);
    if (handoff && onHandoff) {
      onHandoff();
      yield `${wrote ? "\n\n" : ""}${HANDOVER_SENTENCE}`;
    }
  }

  private async post({ system, history, model, onHandoff }: GenerationRequest, deadline: RequestDeadline): Promise<Response> {
    try {
      return await fetch(this.url, {
        method: "POST",
        signal: deadline.signal,
        headers: {
          "Content-Type": "application/json",
          Accept: "text/event-stream",
          Authorization: `Bearer ${this.options.apiKey}`,
        },
        body: JSON.stringify({
          model: model?.name ?? this.model,
          stream: true,
          messages: [{ role: "system", content: system }, ...history],
          // Left out when the site sets none, so the provider's own defaults apply.
          temperature: model?.temperature,
          max_tokens: model?.maxOutputTokens,
          ...(onHandoff && this.options.handoffTool !== false ? { tools: [HANDOFF_TOOL] } : {}),
        }),
      });
    } catch (error) {
      throw new ProviderError(deadline.expired ? PROVIDER_FAILURE.timeout : PROVIDER_FAILURE.unreachable, String(error));
    }
  }
}

function parseChunk(data: string): ChatCompletionChunk {
  try {
    return JSON.parse(data) as ChatCompletionChunk;
  } catch {
    throw new ProviderError(PROVIDER_FAILURE.unreadable, data.slice(0, 100));
  }
}
