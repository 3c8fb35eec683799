// A message as visitors read it: what every `chat:`/`messages:` query returns of a stored one.
import type { Doc } from "../_generated/dataModel";
import { publicAuthor } from "./messageAuthor";

/** The public fields of a stored message (publicMessageValidator): no owner, no bookkeeping. */
export function toPublicMessage(message: Doc<"messages">) {
  const { _id, _creationTime, conversationId, role, content, streamId, status, clientMessageId, error, sources, cutAtLimit } = message;
  return {
    _id,
    _creationTime,
    conversationId,
    role,
    content,
    streamId,
    status,
    clientMessageId,
    error,
    sources,
    cutAtLimit,
    ...publicAuthor(message),
  };
}
