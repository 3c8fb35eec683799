// What the visitor's chat shows about who answers, derived in one place from the conversation's
// state (`chat:conversationState`) and the clock: whether "Talk to a person" is offered, waiting
// (with or without someone online), a person answering, and a person typing. A query does not run
// again because time passed, so every time-bound mark comes with the time it lapses: the element
// re-derives the view then (`deadlines`). Framework-free.
import type { ConversationMode, ConversationState } from "./api.js";

/** What the chat shows about who answers. */
export interface HandoffView {
  mode: ConversationMode;
  /** "Talk to a person" is offered: the site offers one and the AI answers now. */
  offer: boolean;
  /** Someone of the site's team is online now. */
  online: boolean;
  /** Waiting with nobody online: ask for an email the answer can follow. */
  askEmail: boolean;
  /** The person answering (mode `human`). */
  person: string | undefined;
  /** The name of the person typing now, if one is. */
  typing: string | undefined;
  /** The email the answer also goes to, if the visitor left one. */
  contactEmail: string | undefined;
  /** When this view changes by itself (a typing mark or presence lapsing), soonest first. */
  deadlines: number[];
}

/**
 * The view for `state` at `now` (`state` undefined: no conversation yet, or still loading).
 * `siteOffers`: whether the site offers a person, when known before any conversation.
 */
export function handoffView(
  state: ConversationState | undefined,
  now: number,
  siteOffers: boolean | undefined,
  someone: string,
): HandoffView {
  const mode = state?.mode ?? "ai";
  const live = (until: number | undefined) => until !== undefined && until > now;
  const typing = live(state?.operatorTypingUntil) ? state?.operatorTypingName || state?.assigneeName || someone : undefined;
  const online = !!state?.operatorsOnline && (state.operatorsOnlineUntil === undefined || live(state.operatorsOnlineUntil));
  return {
    mode,
    offer: (state?.humanHandoff ?? siteOffers ?? true) && mode === "ai",
    online,
    askEmail: mode === "waiting" && !online,
    person: mode === "human" ? state?.assigneeName || someone : undefined,
    typing,
    contactEmail: state?.contactEmail,
    deadlines: [state?.operatorTypingUntil, state?.operatorsOnlineUntil]
      .filter((t): t is number => t !== undefined && t > now)
      .sort((a, b) => a - b),
  };
}

/** Same check as the server's (`chat:setContactEmail`), so a typo is caught before a round trip. */
export function isEmailLike(text: string): boolean {
  const email = text.trim();
  return email.length <= 254 && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email);
}
