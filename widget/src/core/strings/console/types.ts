/** Every piece of text the console shows. Replace any of them with the console's `strings` property. */
export interface ConsoleStrings {
  consoleLabel: string;
  loading: string;
  // Sign-in and sign-up
  signInHeading: string;
  signUpHeading: string;
  email: string;
  password: string;
  displayName: string;
  invitationCode: string;
  signIn: string;
  signingIn: string;
  signUp: string;
  haveInvitation: string;
  backToSignIn: string;
  invalidCredentials: string;
  accountExists: string;
  weakPassword: string;
  invalidEmail: string;
  invitationInvalid: string;
  failed: (reason: string) => string;
  signOut: string;
  // Sites and navigation
  site: string;
  noSites: string;
  redeem: string;
  joined: (site: string) => string;
  navigation: string;
  inbox: string;
  settings: string;
  team: string;
  owner: string;
  agent: string;
  // Inbox
  filter: string;
  filterAll: string;
  filterOpen: string;
  filterResolved: string;
  search: string;
  searchResults: (count: number) => string;
  conversations: string;
  noConversations: string;
  /** What an empty list says under each filter but "all" (which says `noConversations`). */
  noConversationsIn: { waiting: string; mine: string; open: string; resolved: string };
  noMatches: string;
  loadMore: string;
  unread: string;
  replying: string;
  resolved: string;
  aiPrefix: string;
  // Conversation
  selectConversation: string;
  backToInbox: string;
  transcript: string;
  visitorSays: string;
  aiSays: string;
  replyFailed: string;
  replyTimedOut: string;
  replyStopped: string;
  loadEarlier: string;
  visitorDetails: string;
  visitor: string;
  customerId: string;
  page: string;
  language: string;
  firstSeen: string;
  started: string;
  notKnown: string;
  // Code blocks and images in AI replies (the widget's markdown renderer)
  copy: string;
  copied: string;
  copyFailed: string;
  imageNotLoaded: string;
  // Settings
  settingsHeading: string;
  siteName: string;
  greeting: string;
  greetingHint: string;
  assistantName: string;
  accentColor: string;
  accentColorHint: string;
  /** The suggested questions field (one per line). */
  suggestedQuestions: string;
  suggestedQuestionsHint: string;
  systemPrompt: string;
  modelName: string;
  temperature: string;
  maxOutputTokens: string;
  allowedOrigins: string;
  allowedOriginsHint: string;
  enabled: string;
  humanHandoff: string;
  humanHandoffHint: string;
  limits: string;
  limitsHint: string;
  /** One label per limit of a site (convex/lib/limitsConfig.ts). */
  limitLabels: {
    visitorMessagesPerMinute: string;
    visitorBurst: string;
    siteMessagesPerMinute: string;
    siteSignInsPerMinute: string;
    maxMessagesPerConversation: string;
    maxConversationsPerVisitor: string;
  };
  save: string;
  saving: string;
  saved: string;
  identitySecret: string;
  identitySecretSet: string;
  identitySecretUnset: string;
  generateSecret: string;
  rotateSecret: string;
  secretShownOnce: string;
  // Team
  teamHeading: string;
  invitations: string;
  invite: string;
  role: string;
  codeShownOnce: (email: string) => string;
  noInvitations: string;
  expires: (date: string) => string;
  revoke: string;
  members: string;
  you: string;
  remove: string;
  // Human handoff
  filterWaiting: string;
  filterMine: string;
  /** A waiting row's mark; `since` reads like "5 min". */
  waitingFor: (since: string) => string;
  /** A row or conversation a person holds. */
  heldBy: (name: string) => string;
  /** Who answers, in the conversation's details. */
  whoAnswers: string;
  modeAi: string;
  modeWaiting: string;
  modeHuman: (name: string) => string;
  modeMine: string;
  takeOver: string;
  handBack: string;
  resolve: string;
  reopen: string;
  /** An action refused by the server. */
  actionFailed: (reason: string) => string;
  /** The reply composer's label and placeholder. */
  replyLabel: string;
  replyPlaceholder: string;
  sendReply: string;
  /** Under the composer while the AI (or nobody) holds the conversation. */
  replyTakesOver: string;
  /** Under the composer while the operator holds the conversation. */
  replyHint: string;
  replyFailedToSend: (reason: string) => string;
  visitorTyping: string;
  onPage: string;
  onPageNow: string;
  notOnPage: string;
  contactEmail: string;
  operatorFallback: string;
  // Notifications
  sound: string;
  notifications: string;
  notificationsBlocked: string;
  notifyWaiting: (visitor: string) => string;
  notifyMessage: (visitor: string) => string;
  // Knowledge
  knowledge: string;
  knowledgeIntro: string;
  addTextHeading: string;
  entryTitle: string;
  entryLink: string;
  entryText: string;
  addText: string;
  addUrlHeading: string;
  pageUrl: string;
  addUrl: string;
  knowledgeEntries: string;
  noKnowledge: string;
  /** An entry's size: its characters and the passages it was split into. */
  entrySize: (chars: number, passages: number) => string;
  /** After addUrl: pages added and, for a sitemap, those skipped. */
  urlAdded: (added: number, skipped: number) => string;
  textAdded: (title: string) => string;
}

/** A language's built-in console strings. */
export type ConsoleStringTable = Readonly<ConsoleStrings>;
