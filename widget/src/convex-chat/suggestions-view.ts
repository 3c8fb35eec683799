// The questions a site suggests (chat:siteProfile `suggestedQuestions`), as buttons under the
// greeting of an empty conversation: a click sends the question as the visitor's message.
import { html, nothing } from "lit";

/** The buttons (nothing when the site suggests none). */
export function renderSuggestions(questions: readonly string[], label: string, onPick: (question: string) => void) {
  if (questions.length === 0) return nothing;
  return html`<ul part="suggestions" class="suggestions" aria-label=${label}>
    ${questions.map(
      (question) => html`<li><button part="suggestion" class="suggestion" type="button" dir="auto"
      @click=${() => onPick(question)}>${question}</button></li>`,
    )}
  </ul>`;
}
