import { defineApp } from "convex/server";
import persistentTextStreaming from "@convex-dev/persistent-text-streaming/convex.config";

const app = defineApp();
// Streams assistant replies over HTTP while persisting them for every other reader.
app.use(persistentTextStreaming);

export default app;
