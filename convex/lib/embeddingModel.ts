// The embedding model of the knowledge base, from the deployment's environment, like the chat
// provider's: any OpenAI-compatible `/embeddings` endpoint (OpenAI, a gateway, or the local
// backend's loopback server with a small model shipped in an npm package).
import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import type { EmbeddingModel } from "ai";

type Env = Record<string, string | undefined>;

/** The dimensions of OpenAI's `text-embedding-3-small`, the default model when none is named. */
const DEFAULT_DIMENSIONS = 1536;
const DEFAULT_MODEL = "text-embedding-3-small";

export type EmbeddingConfig = { model: EmbeddingModel; dimensions: number };

/**
 * The configured embedding model, or null when the knowledge base is off: `EMBEDDINGS_BASE_URL`
 * (required, e.g. `https://api.openai.com/v1`), `EMBEDDINGS_MODEL` (default
 * `text-embedding-3-small`), `EMBEDDINGS_DIMENSIONS` (the model's vector length; default 1536) and
 * `EMBEDDINGS_API_KEY` (falls back to `OPENAI_API_KEY`; none for the local server).
 */
export function embeddingConfigFromEnv(env: Env = process.env): EmbeddingConfig | null {
  const baseURL = env.EMBEDDINGS_BASE_URL?.trim();
  if (!baseURL) return null;
  const dimensions = Number(env.EMBEDDINGS_DIMENSIONS?.trim() || DEFAULT_DIMENSIONS);
  if (!Number.isInteger(dimensions) || dimensions <= 0)
    throw new Error(`EMBEDDINGS_DIMENSIONS must be a positive integer, got ${env.EMBEDDINGS_DIMENSIONS}`);
  const apiKey = env.EMBEDDINGS_API_KEY?.trim() || env.OPENAI_API_KEY?.trim() || undefined;
  const provider = createOpenAICompatible({ name: "embeddings", baseURL, apiKey });
  return { model: provider.embeddingModel(env.EMBEDDINGS_MODEL?.trim() || DEFAULT_MODEL), dimensions };
}
