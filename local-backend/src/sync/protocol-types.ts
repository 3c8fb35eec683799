/**
 * The subset of the Convex WebSocket sync protocol (convex/src/browser/sync/protocol.ts) that the
 * local backend speaks. Timestamps travel as base64 of a little-endian u64; see `encodeTs`.
 */
import type { JSONValue } from "convex/values";

export type QueryId = number;

export type AddQuery = {
  type: "Add";
  queryId: QueryId;
  udfPath: string;
  args: JSONValue[];
  journal?: string | null;
  componentPath?: string;
};
export type RemoveQuery = { type: "Remove"; queryId: QueryId };

export type ClientMessage =
  | {
      type: "Connect";
      sessionId: string;
      connectionCount: number;
      lastCloseReason: string | null;
      clientTs?: number;
      maxObservedTimestamp?: string;
    }
  | {
      type: "ModifyQuerySet";
      baseVersion: number;
      newVersion: number;
      modifications: (AddQuery | RemoveQuery)[];
    }
  | {
      type: "Authenticate";
      tokenType: "User" | "None" | "Admin";
      value?: string;
      baseVersion: number;
    }
  | { type: "Mutation"; requestId: number; udfPath: string; args: JSONValue[]; componentPath?: string }
  | { type: "Action"; requestId: number; udfPath: string; args: JSONValue[]; componentPath?: string }
  | { type: "Event"; eventType: string; event: unknown };

/** A version as the server tracks it: `ts` is unix nanoseconds of the last commit observed. */
export type StateVersion = { querySet: number; identity: number; ts: bigint };

export type StateModification =
  | { type: "QueryUpdated"; queryId: QueryId; value: JSONValue; logLines: string[]; journal: string | null }
  | {
      type: "QueryFailed";
      queryId: QueryId;
      errorMessage: string;
      errorData?: JSONValue;
      logLines: string[];
      journal: string | null;
    }
  | { type: "QueryRemoved"; queryId: QueryId };

/** A function failure as it goes on the wire. */
export type WireFailure = { errorMessage: string; errorData?: JSONValue };

/** Encodes a u64 as the protocol does: 8 little-endian bytes, base64. */
export function encodeTs(ts: bigint): string {
  const bytes = Buffer.alloc(8);
  bytes.writeBigUInt64LE(ts);
  return bytes.toString("base64");
}

export function encodeVersion(version: StateVersion) {
  return { querySet: version.querySet, identity: version.identity, ts: encodeTs(version.ts) };
}

/** "chat.js:list" / "chat:list" / "chat" -> "chat:list" / "chat:default", as the client canonicalizes. */
export function canonicalizeUdfPath(udfPath: string): string {
  const colon = udfPath.lastIndexOf(":");
  let moduleName = colon === -1 ? udfPath : udfPath.slice(0, colon);
  const functionName = colon === -1 ? "default" : udfPath.slice(colon + 1);
  if (moduleName.endsWith(".js")) moduleName = moduleName.slice(0, -3);
  return `${moduleName}:${functionName}`;
}
