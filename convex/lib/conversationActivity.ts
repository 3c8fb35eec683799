// What a visitor's message writes on its conversation for the operators' inbox (denormalized so
// the inbox reads one document per row): when the visitor last wrote, the status (a message
// reopens a resolved conversation), the text search covers, and where it started.
import type { Doc } from "../_generated/dataModel";
import { TITLE_LENGTH, type ConversationContext, type ConversationStatus } from "../validators";

/** Most characters of `searchText`: the title plus the visitor's most recent text. */
export const SEARCH_TEXT_LIMIT = 4_000;
const MAX_PAGE_URL_LENGTH = 500;
const LANGUAGE_TAG = /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8}){0,4}$/;

type ConversationActivity = Pick<Doc<"conversations">, "lastVisitorMessageAt" | "searchText"> & { status: ConversationStatus };

/** The fields of a new conversation started by `text` at `now`; its title is the start of `text`. */
export function startedConversation(text: string, now: number, context: ConversationContext | undefined) {
  const sanitised = sanitiseContext(context);
  return {
    title: text.slice(0, TITLE_LENGTH),
    lastVisitorMessageAt: now,
    status: "open" as const,
    // Begins with the title, as visitorWrote expects.
    searchText: text.slice(0, SEARCH_TEXT_LIMIT),
    ...(sanitised === undefined ? {} : { context: sanitised }),
  };
}

/**
 * The fields a visitor's message changes. `searchText` keeps the title and the newest text: the
 * title already says how the conversation began, and operators look for what was said lately.
 */
export function visitorWrote(
  conversation: Pick<Doc<"conversations">, "title" | "searchText">,
  text: string,
  now: number,
): ConversationActivity {
  const previous = conversation.searchText ?? conversation.title;
  const body = `${previous.slice(conversation.title.length)} ${text}`.trim();
  const room = Math.max(0, SEARCH_TEXT_LIMIT - conversation.title.length - 1);
  return {
    lastVisitorMessageAt: now,
    status: "open",
    searchText: `${conversation.title} ${body.slice(Math.max(0, body.length - room))}`,
  };
}

/**
 * The widget's report of where the visitor is, made safe to store and show: the page URL is cut to
 * origin + path (a query or fragment can hold tokens or personal data) and dropped unless it is
 * http(s); a language that is no language tag is dropped. Nothing here refuses the message: the
 * context is a hint, the visitor's question is not.
 */
export function sanitiseContext(context: ConversationContext | undefined): ConversationContext | undefined {
  if (context === undefined) return undefined;
  const result: ConversationContext = {};
  const pageUrl = context.pageUrl === undefined ? null : originAndPath(context.pageUrl);
  if (pageUrl !== null) result.pageUrl = pageUrl;
  const language = context.language?.trim();
  if (language !== undefined && LANGUAGE_TAG.test(language)) result.language = language;
  return Object.keys(result).length === 0 ? undefined : result;
}

function originAndPath(input: string): string | null {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return null;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return null;
  return `${url.origin}${url.pathname}`.slice(0, MAX_PAGE_URL_LENGTH);
}
