// Who wrote a message, for every reader: the visitor's widget, the console and the AI's history.
import type { Doc } from "../_generated/dataModel";
import type { Author } from "../validators";

/** The message's author; rows from before authors existed are the visitor's (user) or the AI's (assistant). */
export function authorOf(message: Pick<Doc<"messages">, "author" | "role">): Author {
  return message.author ?? (message.role === "user" ? "visitor" : "ai");
}

/** The author fields every public message view carries. */
export function publicAuthor(message: Pick<Doc<"messages">, "author" | "authorName" | "role">) {
  const author = authorOf(message);
  return author === "operator" && message.authorName !== undefined ? { author, authorName: message.authorName } : { author };
}
