/**
 * Runs a client's Mutation or Action message and shapes its outcome as the sync protocol's
 * MutationResponse / ActionResponse carry it (convex/src/browser/sync/protocol.ts).
 */
import type { UserIdentity } from "convex/server";
import { convexToJson, jsonToConvex, type JSONValue, type Value } from "convex/values";
import { RequestError, toWireFailure } from "../errors.ts";
import type { Runtime } from "../runtime.ts";
import type { MutationOutcome } from "./mutation-log.ts";
import { encodeTs, type ClientMessage } from "./protocol-types.ts";
import { COMPONENT_REFUSED } from "./query-set.ts";

type Log = (line: string) => void;
export type MutationMessage = Extract<ClientMessage, { type: "Mutation" }>;
export type ActionMessage = Extract<ClientMessage, { type: "Action" }>;

/** Runs the mutation; every failure becomes a failed outcome. */
export async function executeMutation(
  runtime: Runtime,
  message: MutationMessage,
  identity: UserIdentity | null,
  log: Log,
): Promise<MutationOutcome> {
  const logLines: string[] = [];
  try {
    if (message.componentPath) throw new RequestError(COMPONENT_REFUSED);
    const value = await runtime.run("mutation", message.udfPath, decodeArgs(message.args), identity, logLines);
    return { success: true, result: convexToJson(value), ts: await runtime.snapshotTs(), logLines };
  } catch (e) {
    return { success: false, ...toWireFailure(e, log), logLines };
  }
}

export function mutationResponse(requestId: number, outcome: MutationOutcome) {
  const { logLines } = outcome;
  if (!outcome.success) {
    return { type: "MutationResponse", requestId, success: false, result: outcome.errorMessage, errorData: outcome.errorData, logLines };
  }
  return { type: "MutationResponse", requestId, success: true, result: outcome.result, ts: encodeTs(outcome.ts), logLines };
}

/** Runs the action and resolves to its ActionResponse; every failure becomes a failed one. */
export async function executeAction(runtime: Runtime, message: ActionMessage, identity: UserIdentity | null, log: Log) {
  const logLines: string[] = [];
  const base = { type: "ActionResponse", requestId: message.requestId, logLines };
  try {
    if (message.componentPath) throw new RequestError(COMPONENT_REFUSED);
    const value = await runtime.run("action", message.udfPath, decodeArgs(message.args), identity, logLines);
    return { ...base, success: true, result: convexToJson(value) };
  } catch (e) {
    const { errorMessage, errorData } = toWireFailure(e, log);
    return { ...base, success: false, result: errorMessage, errorData };
  }
}

/** A failed response for a request that was not run, or whose handling itself failed. */
export function failedResponse(type: "MutationResponse" | "ActionResponse", requestId: number, e: unknown, log: Log) {
  return { type, requestId, success: false, result: toWireFailure(e, log).errorMessage, logLines: [] };
}

/** Function args travel as a one-element array of convexToJson values. */
function decodeArgs(args: JSONValue[]): Record<string, Value> {
  return (jsonToConvex(args[0] ?? {}) ?? {}) as Record<string, Value>;
}
