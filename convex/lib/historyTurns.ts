// The conversation as the model reads it. A visitor often writes several short messages in a row
// (above all while a reply is written: one next reply answers them all, lib/replyLifecycle.ts);
// they are one turn, so the model answers all of them, and providers that want user and assistant
// turns to alternate get that. Pure.
import type { ChatTurn } from "../providers/types";

/** Between consecutive visitor messages merged into one turn. */
export const MERGED_MESSAGE_SEPARATOR = "\n\n";

/** `turns` with each run of consecutive `user` turns joined into one, in order. */
export function mergeVisitorTurns(turns: readonly ChatTurn[]): ChatTurn[] {
  const merged: ChatTurn[] = [];
  for (const turn of turns) {
    const last = merged.at(-1);
    if (turn.role === "user" && last?.role === "user")
      merged[merged.length - 1] = { role: "user", content: `${last.content}${MERGED_MESSAGE_SEPARATOR}${turn.content}` };
    else merged.push({ ...turn });
  }
  return merged;
}
