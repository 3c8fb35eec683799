/** Failures shaped like a Convex deployment's, so the client surfaces them the same way. */
import { randomBytes } from "node:crypto";
import { convexToJson, type Value } from "convex/values";
import type { WireFailure } from "./sync/protocol-types.ts";

/** An error a deployment reports without running user code (unknown function, wrong kind...). */
export class RequestError extends Error {}

function isConvexError(e: unknown): e is Error & { data: Value } {
  // Symbol check, not instanceof: the app may load its own copy of `convex/values`.
  return typeof e === "object" && e !== null && Symbol.for("ConvexError") in e;
}

export function requestId(): string {
  return randomBytes(8).toString("hex");
}

/**
 * Converts a thrown error into `{ errorMessage, errorData? }`. ConvexError data is sent as
 * `errorData` (convexToJson), which the client puts back on `ConvexError.data`.
 */
export function toWireFailure(e: unknown, log?: (line: string) => void): WireFailure {
  const prefix = `[Request ID: ${requestId()}] Server Error`;
  if (e instanceof RequestError) return { errorMessage: `${prefix}\n${e.message}` };
  if (isConvexError(e)) {
    let errorData: WireFailure["errorData"];
    try {
      errorData = convexToJson(e.data);
    } catch {
      errorData = String(e.data);
    }
    return { errorMessage: `${prefix}\nUncaught ConvexError: ${e.message}`, errorData };
  }
  const err = e instanceof Error ? e : new Error(String(e));
  // Unexpected errors: the full stack belongs in the developer's terminal, not on the wire.
  log?.(`${prefix}: ${err.stack ?? err.message}`);
  return { errorMessage: `${prefix}\nUncaught ${err.name}: ${err.message}` };
}
