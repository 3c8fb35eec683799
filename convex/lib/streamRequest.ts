import type { HttpErrorCode } from "./httpErrors";

/** Longest body read, in characters; `{ "streamId": "..." }` is far smaller. */
export const MAX_STREAM_REQUEST_CHARS = 4_096;

export type StreamRequestBody = { streamId: string };
export type StreamRequestError = { status: number; code: HttpErrorCode; message: string };

/** Reads and validates the stream route's JSON body `{ streamId: string }`. */
export async function readStreamRequest(
  request: Request,
): Promise<StreamRequestBody | StreamRequestError> {
  const raw = await request.text();
  if (raw.length > MAX_STREAM_REQUEST_CHARS) {
    return { status: 413, code: "BODY_TOO_LARGE", message: `The body is over ${MAX_STREAM_REQUEST_CHARS} characters.` };
  }
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    return { status: 400, code: "INVALID_JSON", message: 'The body must be JSON: {"streamId": "..."}.' };
  }
  const streamId =
    typeof body === "object" && body !== null && !Array.isArray(body)
      ? (body as Record<string, unknown>).streamId
      : undefined;
  if (typeof streamId !== "string" || streamId.trim() === "") {
    return { status: 400, code: "INVALID_BODY", message: 'The body needs a non-empty string "streamId".' };
  }
  return { streamId };
}
