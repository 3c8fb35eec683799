// Turns whatever a Convex call or fetch threw into something a visitor can read.
import { ConvexError } from "convex/values";

/** A failure the element can show: a stable code (when the server sent one) and a readable message. */
export interface ChatError {
  code?: string;
  message: string;
  /** `RATE_LIMITED`: how long until the same call can succeed, in ms (the message says it too). */
  retryAfterMs?: number;
}

/** Extracts the server's code and reason from a ConvexError, or a readable message from anything else. */
export function describeError(error: unknown): ChatError {
  if (error instanceof ConvexError) {
    const data = error.data as unknown;
    if (typeof data === "string") return { message: data };
    if (data && typeof data === "object") {
      const { code, message, retryAfterMs } = data as { code?: unknown; message?: unknown; retryAfterMs?: unknown };
      const described: ChatError = {
        code: typeof code === "string" ? code : undefined,
        message: typeof message === "string" ? message : String(error.message),
      };
      if (typeof retryAfterMs === "number" && retryAfterMs > 0) {
        described.retryAfterMs = retryAfterMs;
        described.message = `${described.message} Try again in ${formatWait(retryAfterMs)}.`;
      }
      return described;
    }
  }
  if (error instanceof Error) return { message: stripServerNoise(error.message) };
  return { message: String(error) };
}

/** A wait as a visitor reads it: "40 s", "3 min", "2 h" (rounded up, so never too early). */
export function formatWait(ms: number): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  if (seconds < 90) return `${seconds} s`;
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 90) return `${minutes} min`;
  return `${Math.ceil(minutes / 60)} h`;
}

// Server errors arrive as "[Request ID: …] Server Error\nUncaught Error: reason\n    at …"; keep the reason.
function stripServerNoise(message: string): string {
  const uncaught = /Uncaught \w*Error: ([^\n]+)/.exec(message);
  if (uncaught) return uncaught[1];
  return message.replace(/^\[Request ID: [^\]]+\]\s*/, "").split("\n")[0];
}

/** Rejects with a clear error if `promise` has not settled after `ms` — so nothing can hang forever. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${Math.round(ms / 1000)} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
