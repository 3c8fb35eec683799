import { OfflineProvider } from "./offline";
import { OpenAICompatibleProvider } from "./openai";
import type { ReplyProvider } from "./types";

export type { ChatTurn, ReplyProvider, GenerationRequest } from "./types";
export { ProviderError } from "./types";

type Env = Record<string, string | undefined>;

export const DEFAULT_SYSTEM_PROMPT = "You are a helpful assistant in a chat widget on a website. Answer clearly and concisely.";

/**
 * The provider this deployment is configured for: an OpenAI-compatible endpoint when
 * `OPENAI_API_KEY` is set (`OPENAI_BASE_URL`, `OPENAI_MODEL`, `OPENAI_TIMEOUT_MS`,
 * `OPENAI_IDLE_TIMEOUT_MS`, `OPENAI_HANDOFF_TOOL=off` optional), else the offline responder
 * (`OFFLINE_TOKEN_DELAY_MS`, `OFFLINE_REPLY_CHARS` optional).
 */
export function providerFromEnv(env: Env = process.env): ReplyProvider {
  const apiKey = env.OPENAI_API_KEY?.trim();
  if (apiKey) {
    return new OpenAICompatibleProvider({
      apiKey,
      baseUrl: env.OPENAI_BASE_URL?.trim() || undefined,
      model: env.OPENAI_MODEL?.trim() || undefined,
      timeoutMs: positiveInt(env.OPENAI_TIMEOUT_MS),
      idleTimeoutMs: positiveInt(env.OPENAI_IDLE_TIMEOUT_MS),
      handoffTool: !/^(0|false|off|no)$/i.test(env.OPENAI_HANDOFF_TOOL?.trim() ?? ""),
    });
  }
  return new OfflineProvider({
    tokenDelayMs: nonNegativeInt(env.OFFLINE_TOKEN_DELAY_MS),
    replyChars: nonNegativeInt(env.OFFLINE_REPLY_CHARS),
  });
}

/** The system prompt: `SYSTEM_PROMPT` when set, else {@link DEFAULT_SYSTEM_PROMPT}. */
export function systemPromptFromEnv(env: Env = process.env): string {
  return env.SYSTEM_PROMPT?.trim() || DEFAULT_SYSTEM_PROMPT;
}

function nonNegativeInt(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === "") return undefined;
  const parsed = Number(value);
  return Number.isInteger(parsed) && parsed >= 0 ? parsed : undefined;
}

function positiveInt(value: string | undefined): number | undefined {
  const parsed = nonNegativeInt(value);
  return parsed === 0 ? undefined : parsed;
}
