// The statuses of an assistant reply and the edges between them. Pure (no database): the schema,
// the public validators and the lifecycle (replyLifecycle.ts, the only writer) all read it.
import { v, type Infer } from "convex/values";
import type { StreamStatus } from "../validators";

/**
 * An assistant reply's status: the persistent-text-streaming component's statuses plus `stopped`
 * (the reply was stopped; `content` is the text produced until then). The component has no
 * `stopped`, so its stream and `chat:getStreamBody` report a stopped reply as `done` (see
 * {@link streamStatusOf}).
 */
export const replyStatusValidator = v.union(
  v.literal("pending"),
  v.literal("streaming"),
  v.literal("done"),
  v.literal("error"),
  v.literal("timeout"),
  v.literal("stopped"),
);
export type ReplyStatus = Infer<typeof replyStatusValidator>;

/** The statuses a reply ends in. */
export const finalReplyStatusValidator = v.union(v.literal("done"), v.literal("error"), v.literal("timeout"), v.literal("stopped"));
export type FinalReplyStatus = Infer<typeof finalReplyStatusValidator>;

/**
 * Every legal transition. `pending` is left by a claim (→ `streaming`), a stop before any driver
 * came (→ `stopped`, no text) or an expiry (→ `timeout`); `streaming` ends as `done`, `stopped`,
 * `error` or `timeout`. A final status never changes.
 */
export const REPLY_TRANSITIONS: Readonly<Record<ReplyStatus, readonly ReplyStatus[]>> = {
  pending: ["streaming", "stopped", "timeout"],
  streaming: ["done", "stopped", "error", "timeout"],
  done: [],
  stopped: [],
  error: [],
  timeout: [],
};

/** Statuses after which a reply's own `content` is its final text. */
export const FINAL_STATUSES: readonly FinalReplyStatus[] = finalReplyStatusValidator.members.map((member) => member.value);

/** Whether `status` is one a reply ends in (it then never changes). */
export function isFinalStatus(status: ReplyStatus | undefined): status is FinalReplyStatus {
  return status !== undefined && REPLY_TRANSITIONS[status].length === 0;
}

/** Whether a reply in status `from` may move to `to`. */
export function canTransition(from: ReplyStatus | undefined, to: ReplyStatus): boolean {
  return from !== undefined && REPLY_TRANSITIONS[from].includes(to);
}

/**
 * A reply status as the component's stream (and its `useStream` hook) understands it: a stopped
 * reply is a finished one (its text will not grow), i.e. `done`; the message itself keeps `stopped`.
 */
export function streamStatusOf(status: ReplyStatus): StreamStatus {
  return status === "stopped" ? "done" : status;
}

/** Who asked a reply to stop: its visitor (`chat:stopReply`) or an operator taking over. */
export const stopRequesterValidator = v.union(v.literal("visitor"), v.literal("operator"));
export type StopRequester = Infer<typeof stopRequesterValidator>;
