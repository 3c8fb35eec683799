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
import type * as conversationSeed from "../conversationSeed.js";
import type * as erasure from "../erasure.js";
import type * as handoffEmails from "../handoffEmails.js";
import type * as http from "../http.js";
import type * as identityFailures from "../identityFailures.js";
import type * as inbox from "../inbox.js";
import type * as invitations from "../invitations.js";
import type * as knowledge from "../knowledge.js";
import type * as knowledgeAccess from "../knowledgeAccess.js";
import type * as knowledgeSearch from "../knowledgeSearch.js";
import type * as lib_aiGate from "../lib/aiGate.js";
import type * as lib_anonymousVisitors from "../lib/anonymousVisitors.js";
import type * as lib_authLimits from "../lib/authLimits.js";
import type * as lib_authed from "../lib/authed.js";
import type * as lib_conversationActivity from "../lib/conversationActivity.js";
import type * as lib_conversationErasure from "../lib/conversationErasure.js";
import type * as lib_conversationMode from "../lib/conversationMode.js";
import type * as lib_conversationSignals from "../lib/conversationSignals.js";
import type * as lib_cors from "../lib/cors.js";
import type * as lib_emailClient from "../lib/emailClient.js";
import type * as lib_embeddingModel from "../lib/embeddingModel.js";
import type * as lib_errors from "../lib/errors.js";
import type * as lib_generateReply from "../lib/generateReply.js";
import type * as lib_historyTurns from "../lib/historyTurns.js";
import type * as lib_hostIdentity from "../lib/hostIdentity.js";
import type * as lib_httpErrors from "../lib/httpErrors.js";
import type * as lib_idempotentSend from "../lib/idempotentSend.js";
import type * as lib_inboxRows from "../lib/inboxRows.js";
import type * as lib_invitations from "../lib/invitations.js";
import type * as lib_knowledgeBase from "../lib/knowledgeBase.js";
import type * as lib_knowledgeIngest from "../lib/knowledgeIngest.js";
import type * as lib_knowledgeRetrieval from "../lib/knowledgeRetrieval.js";
import type * as lib_limits from "../lib/limits.js";
import type * as lib_limitsConfig from "../lib/limitsConfig.js";
import type * as lib_messageAuthor from "../lib/messageAuthor.js";
import type * as lib_operatorIdentity from "../lib/operatorIdentity.js";
import type * as lib_operatorPresence from "../lib/operatorPresence.js";
import type * as lib_operators from "../lib/operators.js";
import type * as lib_origins from "../lib/origins.js";
import type * as lib_ownership from "../lib/ownership.js";
import type * as lib_pageFetch from "../lib/pageFetch.js";
import type * as lib_pageText from "../lib/pageText.js";
import type * as lib_passwordAuth from "../lib/passwordAuth.js";
import type * as lib_persistPolicy from "../lib/persistPolicy.js";
import type * as lib_publicMessage from "../lib/publicMessage.js";
import type * as lib_regenerateReply from "../lib/regenerateReply.js";
import type * as lib_replyBody from "../lib/replyBody.js";
import type * as lib_replyLifecycle from "../lib/replyLifecycle.js";
import type * as lib_replyProgress from "../lib/replyProgress.js";
import type * as lib_replyStatus from "../lib/replyStatus.js";
import type * as lib_replyTail from "../lib/replyTail.js";
import type * as lib_replyTimeouts from "../lib/replyTimeouts.js";
import type * as lib_retention from "../lib/retention.js";
import type * as lib_sites from "../lib/sites.js";
import type * as lib_stopRequestWatcher from "../lib/stopRequestWatcher.js";
import type * as lib_streamBody from "../lib/streamBody.js";
import type * as lib_streamClaim from "../lib/streamClaim.js";
import type * as lib_streamRequest from "../lib/streamRequest.js";
import type * as lib_streaming from "../lib/streaming.js";
import type * as lib_visitorSite from "../lib/visitorSite.js";
import type * as messages from "../messages.js";
import type * as operatorSignIn from "../operatorSignIn.js";
import type * as operators from "../operators.js";
import type * as providers_deadline from "../providers/deadline.js";
import type * as providers_handoff from "../providers/handoff.js";
import type * as providers_index from "../providers/index.js";
import type * as providers_knowledge from "../providers/knowledge.js";
import type * as providers_offline from "../providers/offline.js";
import type * as providers_offlineShopAnswers from "../providers/offlineShopAnswers.js";
import type * as providers_offlineText from "../providers/offlineText.js";
import type * as providers_openai from "../providers/openai.js";
import type * as providers_sse from "../providers/sse.js";
import type * as providers_types from "../providers/types.js";
import type * as replies from "../replies.js";
import type * as replyDriver from "../replyDriver.js";
import type * as replyWatchdog from "../replyWatchdog.js";
import type * as siteAccess from "../siteAccess.js";
import type * as siteSettings from "../siteSettings.js";
import type * as sites from "../sites.js";
import type * as validators from "../validators.js";
import type * as visitorAdmission from "../visitorAdmission.js";

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
  conversationSeed: typeof conversationSeed;
  erasure: typeof erasure;
  handoffEmails: typeof handoffEmails;
  http: typeof http;
  identityFailures: typeof identityFailures;
  inbox: typeof inbox;
  invitations: typeof invitations;
  knowledge: typeof knowledge;
  knowledgeAccess: typeof knowledgeAccess;
  knowledgeSearch: typeof knowledgeSearch;
  "lib/aiGate": typeof lib_aiGate;
  "lib/anonymousVisitors": typeof lib_anonymousVisitors;
  "lib/authLimits": typeof lib_authLimits;
  "lib/authed": typeof lib_authed;
  "lib/conversationActivity": typeof lib_conversationActivity;
  "lib/conversationErasure": typeof lib_conversationErasure;
  "lib/conversationMode": typeof lib_conversationMode;
  "lib/conversationSignals": typeof lib_conversationSignals;
  "lib/cors": typeof lib_cors;
  "lib/emailClient": typeof lib_emailClient;
  "lib/embeddingModel": typeof lib_embeddingModel;
  "lib/errors": typeof lib_errors;
  "lib/generateReply": typeof lib_generateReply;
  "lib/historyTurns": typeof lib_historyTurns;
  "lib/hostIdentity": typeof lib_hostIdentity;
  "lib/httpErrors": typeof lib_httpErrors;
  "lib/idempotentSend": typeof lib_idempotentSend;
  "lib/inboxRows": typeof lib_inboxRows;
  "lib/invitations": typeof lib_invitations;
  "lib/knowledgeBase": typeof lib_knowledgeBase;
  "lib/knowledgeIngest": typeof lib_knowledgeIngest;
  "lib/knowledgeRetrieval": typeof lib_knowledgeRetrieval;
  "lib/limits": typeof lib_limits;
  "lib/limitsConfig": typeof lib_limitsConfig;
  "lib/messageAuthor": typeof lib_messageAuthor;
  "lib/operatorIdentity": typeof lib_operatorIdentity;
  "lib/operatorPresence": typeof lib_operatorPresence;
  "lib/operators": typeof lib_operators;
  "lib/origins": typeof lib_origins;
  "lib/ownership": typeof lib_ownership;
  "lib/pageFetch": typeof lib_pageFetch;
  "lib/pageText": typeof lib_pageText;
  "lib/passwordAuth": typeof lib_passwordAuth;
  "lib/persistPolicy": typeof lib_persistPolicy;
  "lib/publicMessage": typeof lib_publicMessage;
  "lib/regenerateReply": typeof lib_regenerateReply;
  "lib/replyBody": typeof lib_replyBody;
  "lib/replyLifecycle": typeof lib_replyLifecycle;
  "lib/replyProgress": typeof lib_replyProgress;
  "lib/replyStatus": typeof lib_replyStatus;
  "lib/replyTail": typeof lib_replyTail;
  "lib/replyTimeouts": typeof lib_replyTimeouts;
  "lib/retention": typeof lib_retention;
  "lib/sites": typeof lib_sites;
  "lib/stopRequestWatcher": typeof lib_stopRequestWatcher;
  "lib/streamBody": typeof lib_streamBody;
  "lib/streamClaim": typeof lib_streamClaim;
  "lib/streamRequest": typeof lib_streamRequest;
  "lib/streaming": typeof lib_streaming;
  "lib/visitorSite": typeof lib_visitorSite;
  messages: typeof messages;
  operatorSignIn: typeof operatorSignIn;
  operators: typeof operators;
  "providers/deadline": typeof providers_deadline;
  "providers/handoff": typeof providers_handoff;
  "providers/index": typeof providers_index;
  "providers/knowledge": typeof providers_knowledge;
  "providers/offline": typeof providers_offline;
  "providers/offlineShopAnswers": typeof providers_offlineShopAnswers;
  "providers/offlineText": typeof providers_offlineText;
  "providers/openai": typeof providers_openai;
  "providers/sse": typeof providers_sse;
  "providers/types": typeof providers_types;
  replies: typeof replies;
  replyDriver: typeof replyDriver;
  replyWatchdog: typeof replyWatchdog;
  siteAccess: typeof siteAccess;
  siteSettings: typeof siteSettings;
  sites: typeof sites;
  validators: typeof validators;
  visitorAdmission: typeof visitorAdmission;
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
  rateLimiter: import("@convex-dev/rate-limiter/_generated/component.js").ComponentApi<"rateLimiter">;
  rag: import("@convex-dev/rag/_generated/component.js").ComponentApi<"rag">;
};
