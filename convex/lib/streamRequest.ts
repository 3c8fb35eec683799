import type { HttpErrorCode } from "./httpErrors";

/** Longest body accepted, in bytes; `{ "streamId": "..." }` is far smaller. */
export const MAX_STREAM_REQUEST_BYTES = 4_096;

export type StreamRequestBody = { streamId: string };
export type StreamRequestError = { status: number; code: HttpErrorCode; message: string };

const TOO_LARGE: StreamRequestError = {
  status: 413,
  code: "BODY_TOO_LARGE",
  message: `The body is over ${MAX_STREAM_REQUEST_BYTES} bytes.`,
};

/**
 * Reads and validates the stream route's JSON body `{ streamId: string }`. An oversized body is
 * refused from its Content-Length before anything is read, and otherwise as soon as the bytes read
 * pass the limit (a chunked body has no Content-Length): never buffered whole.
 */
export async function readStreamRequest(request: Request): Promise<StreamRequestBody | StreamRequestError> {
  const declared = Number(request.headers.get("Content-Length") ?? 0);
  if (declared > MAX_STREAM_REQUEST_BYTES) return TOO_LARGE;
  const raw = await readCapped(request.body, MAX_STREAM_REQUEST_BYTES);
  if (raw === null) return TOO_LARGE;
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    return { status: 400, code: "INVALID_JSON", message: 'The body must be JSON: {"streamId": "..."}.' };
  }
  const streamId =
    typeof body === "object" && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>).streamId : undefined;
  if (typeof streamId !== "string" || streamId.trim() === "") {
    return { status: 400, code: "INVALID_BODY", message: 'The body needs a non-empty string "streamId".' };
  }
  return { streamId };
}

/** The body as text, or null as soon as it passes `maxBytes` (the rest is not read). */
async function readCapped(body: ReadableStream<Uint8Array> | null, maxBytes: number): Promise<string | null> {
  if (body === null) return "";
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let bytes = 0;
  let text = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return text + decoder.decode();
    bytes += value.byteLength;
    if (bytes > maxBytes) {
      await reader.cancel().catch(() => {});
      return null;
    }
    text += decoder.decode(value, { stream: true });
  }
}
