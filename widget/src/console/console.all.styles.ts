// Every style sheet of <convex-chat-console>, in cascade order: the widget's theme variables (the
// same --convex-chat-* properties theme both elements), the console's own, and rendered markdown.
import themeStyles from "../convex-chat/convex-chat.theme.styles.js";
import markdownStyles from "../convex-chat/markdown.styles.js";
import consoleStyles from "./console.styles.js";

export default [themeStyles, consoleStyles, markdownStyles];
