/* eslint-disable */
/**
 * Generated `api` utility.
 *
 * THIS CODE IS AUTOMATICALLY GENERATED.
 *
 * To regenerate, run `npx convex dev`.
 * @module
 */

import type {
  ApiFromModules,
  FilterApi,
  FunctionReference,
} from "convex/server";
import type * as auth from "../auth.js";
import type * as chat from "../chat.js";
import type * as chatStream from "../chatStream.js";
import type * as http from "../http.js";
import type * as lib_authed from "../lib/authed.js";
import type * as lib_cors from "../lib/cors.js";
import type * as lib_errors from "../lib/errors.js";
import type * as lib_generateReply from "../lib/generateReply.js";
import type * as lib_httpErrors from "../lib/httpErrors.js";
import type * as lib_ownership from "../lib/ownership.js";
import type * as lib_replyBody from "../lib/replyBody.js";
import type * as lib_replyTimeouts from "../lib/replyTimeouts.js";
import type * as lib_streamRequest from "../lib/streamRequest.js";
import type * as lib_streaming from "../lib/streaming.js";
import type * as providers_deadline from "../providers/deadline.js";
import type * as providers_index from "../providers/index.js";
import type * as providers_offline from "../providers/offline.js";
import type * as providers_offlineText from "../providers/offlineText.js";
import type * as providers_openai from "../providers/openai.js";
import type * as providers_sse from "../providers/sse.js";
import type * as providers_types from "../providers/types.js";
import type * as replies from "../replies.js";
import type * as replyWatchdog from "../replyWatchdog.js";
import type * as validators from "../validators.js";

/**
 * A utility for referencing Convex functions in your app's API.
 *
 * Usage:
 * ```js
 * const myFunctionReference = api.myModule.myFunction;
 * ```
 */
declare const fullApi: ApiFromModules<{
  auth: typeof auth;
  chat: typeof chat;
  chatStream: typeof chatStream;
  http: typeof http;
  "lib/authed": typeof lib_authed;
  "lib/cors": typeof lib_cors;
  "lib/errors": typeof lib_errors;
  "lib/generateReply": typeof lib_generateReply;
  "lib/httpErrors": typeof lib_httpErrors;
  "lib/ownership": typeof lib_ownership;
  "lib/replyBody": typeof lib_replyBody;
  "lib/replyTimeouts": typeof lib_replyTimeouts;
  "lib/streamRequest": typeof lib_streamRequest;
  "lib/streaming": typeof lib_streaming;
  "providers/deadline": typeof providers_deadline;
  "providers/index": typeof providers_index;
  "providers/offline": typeof providers_offline;
  "providers/offlineText": typeof providers_offlineText;
  "providers/openai": typeof providers_openai;
  "providers/sse": typeof providers_sse;
  "providers/types": typeof providers_types;
  replies: typeof replies;
  replyWatchdog: typeof replyWatchdog;
  validators: typeof validators;
}>;
export declare const api: FilterApi<
  typeof fullApi,
  FunctionReference<any, "public">
>;
export declare const internal: FilterApi<
  typeof fullApi,
  FunctionReference<any, "internal">
>;

export declare const components: {
  persistentTextStreaming: import("@convex-dev/persistent-text-streaming/_generated/component.js").ComponentApi<"persistentTextStreaming">;
};
