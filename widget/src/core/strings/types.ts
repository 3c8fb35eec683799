/** Every piece of text the chat shows or announces. Replace any of them with the `strings` property. */
export interface ChatStrings {
  /** The panel's title (the `title` attribute overrides it). */
  title: string;
  /** Shown in an empty conversation (the `greeting` attribute overrides it). */
  greeting: string;
  /** The composer's placeholder (the `placeholder` attribute overrides it). */
  placeholder: string;
  /** Accessible name of the composer's field. */
  inputLabel: string;
  send: string;
  /** Status line while a message is on its way. */
  sending: string;
  /** Status line while the visitor can send. */
  sendHint: string;
  signingIn: string;
  unavailable: string;
  /** Accessible name of the message list. */
  conversationLabel: string;
  /** Status at the top of the message list while older messages load (the visitor scrolled up). */
  loadingOlder: string;
  /** Launcher button's name while the panel is closed / open. */
  openChat: string;
  closeChat: string;
  /** Added to the launcher's name when replies arrived while the panel was closed. */
  unread: (count: number) => string;
  /** Read before each message by screen readers. */
  you: string;
  assistant: string;
  /** Announced when a reply starts streaming. */
  replyStarted: string;
  replyFailed: string;
  replyTimedOut: string;
  replyStopped: string;
  /** Under a reply cut at its length limit (the Continue action follows). */
  replyCut: string;
  /** The action under a reply cut at its length limit: asks for the rest. */
  continueReply: string;
  /** What Continue sends as the visitor's message. */
  continuePrompt: string;
  /** Names the list of sources under a reply grounded on the site's pages. */
  sources: string;
  connectError: (reason: string) => string;
  loadError: (reason: string) => string;
  retry: string;
  /** Under the newest reply the visitor stopped: answers the same question again. */
  regenerate: string;
  /** Title of a link that stands for an image in a reply (images are never loaded). */
  imageNotLoaded: string;
  // Conversations, composer and reply actions (conversation-list-controller, composer-controller, reply-actions-controller).
  newConversation: string;
  /** The button that shows or hides the past conversations. */
  conversations: string;
  /** Accessible name of the list of past conversations. */
  pastConversations: string;
  noConversations: string;
  untitledConversation: string;
  /** Status line while the draft is empty (Send is disabled). */
  emptyDraft: string;
  /** Status line when the draft is over the length limit. */
  tooLong: (over: number, limit: number) => string;
  /** The character counter near the limit. */
  counter: (length: number, limit: number) => string;
  /** Status line after a rate-limit refusal; `wait` reads like "40 s" or "2 min". */
  rateLimited: (wait: string) => string;
  /** The Stop button, beside Send while a reply is being written. */
  stop: string;
  /** The Stop button's accessible name: says what it stops (contains {@link stop}'s word). */
  stopReply: string;
  stopFailed: (reason: string) => string;
  copy: string;
  copied: string;
  copyFailed: string;
  // Who answers and human handoff (core/message-display.ts, handoff-controller).
  /** The visible label over the AI's replies. */
  aiBadge: string;
  /** Read before an operator's message. */
  operatorSays: (name: string) => string;
  /** An operator whose name is not known. */
  someone: string;
  /** The button that asks for a person. */
  talkToPerson: string;
  /** Shown while a person was asked for and has not joined. */
  waitingTitle: string;
  /** What to expect while waiting, with someone online. */
  waitingBody: string;
  /** What to expect while waiting, with nobody online: the email ask. */
  nobodyOnline: string;
  /** The optional email field's label. */
  emailLabel: string;
  /** Saves the email. */
  emailSave: string;
  /** Said once an email is kept. */
  emailSaved: (email: string) => string;
  /** The field's own check, before the server's. */
  emailInvalid: string;
  /** Changes a kept email. */
  emailChange: string;
  /** Shown while a person answers. */
  personAnswering: (name: string) => string;
  /** The operator typing indicator. */
  personTyping: (name: string) => string;
  /** Asking for a person failed. */
  handoffFailed: (reason: string) => string;
  // The connection (core/connection.ts): the header's dot, paused replies, queued sends.
  /** The header's connection state, for screen readers (the dot alone says nothing to them). */
  connected: string;
  /** Shown in the header while the first connection is made. */
  connecting: string;
  /** Shown in the header while a dropped connection is being restored. */
  reconnecting: string;
  /** Shown in the header when the deployment cannot be reached. */
  offline: string;
  /** Under a reply being written while the connection is down. */
  waitingForConnection: string;
  /** Under a message sent while the connection is down. */
  queued: string;
  /** Status line while the connection is down (the visitor can still send: it is queued). */
  offlineHint: string;
  /** Said once when a session the server refused was replaced by a new anonymous one. */
  newVisitorNotice: string;
  /** Accessible name of the button that hides a notice. */
  dismiss: string;
  /** The visible label over the AI's replies when the site names its assistant ("Ada · AI"). */
  aiBadgeNamed: (name: string) => string;
  /** Read before a reply when the site names its assistant ("Ada, AI assistant:"). */
  assistantNamed: (name: string) => string;
  /** Accessible name of the suggested questions (buttons in an empty conversation). */
  suggestions: string;
  /** Status line while the visitor can send, on a touch-only device (no keyboard shortcuts). */
  sendHintTouch: string;
  /** Status line while the draft is empty, on a touch-only device. */
  emptyDraftTouch: string;
}

/** A language's built-in strings. */
export type StringTable = Readonly<ChatStrings>;
