// Every style sheet of <convex-chat>, in cascade order: the theme's variables first, then layout,
// the base, and each view's own.
import composerStyles from "./composer.styles.js";
import conversationListStyles from "./conversation-list.styles.js";
import layoutStyles from "./convex-chat.layout.styles.js";
import styles from "./convex-chat.styles.js";
import themeStyles from "./convex-chat.theme.styles.js";
import handoffStyles from "./handoff.styles.js";
import markdownStyles from "./markdown.styles.js";
import replyActionsStyles from "./reply-actions.styles.js";
import sourcesStyles from "./sources.styles.js";

export default [
  themeStyles,
  layoutStyles,
  styles,
  composerStyles,
  handoffStyles,
  conversationListStyles,
  replyActionsStyles,
  markdownStyles,
  sourcesStyles,
];
