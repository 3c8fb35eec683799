// Turns whatever a Convex call or fetch threw into something a visitor can read.
import { ConvexError } from "convex/values";

/** A failure the element can show: a stable code (when the server sent one) and a readable message. */
export interface ChatError {
  code?: string;
  message: string;
}

/** Extracts the server's code and reason from a ConvexError, or a readable message from anything else. */
export function describeError(error: unknown): ChatError {
  if (error instanceof ConvexError) {
    const data = error.data as unknown;
    if (typeof data === "string") return { message: data };
    if (data && typeof data === "object") {
      const { code, message } = data as { code?: unknown; message?: unknown };
      return {
        code: typeof code === "string" ? code : undefined,
        message: typeof message === "string" ? message : String(error.message),
      };
    }
  }
  if (error instanceof Error) return { message: stripServerNoise(error.message) };
  return { message: String(error) };
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
