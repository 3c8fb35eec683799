import { defineApp } from "convex/server";
import persistentTextStreaming from "@convex-dev/persistent-text-streaming/convex.config";
import rateLimiter from "@convex-dev/rate-limiter/convex.config";
import rag from "@convex-dev/rag/convex.config";

const app = defineApp();
// Streams assistant replies over HTTP while persisting them for every other reader.
app.use(persistentTextStreaming);
// Abuse limits: per-visitor and per-site message rates, sign-ins, the daily token budget.
app.use(rateLimiter);
// The sites' knowledge bases: chunks, embeddings and vector search (one namespace per site).
app.use(rag);

export default app;
