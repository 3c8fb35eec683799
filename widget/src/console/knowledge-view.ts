// The knowledge page (owners): add a text, add a page or sitemap, and the entries with Remove.
import { html, nothing } from "lit";
import type { ConsoleStrings } from "../core/strings/console/index.js";
import { safeUrl } from "../core/markdown/url.js";
import { longTime } from "../core/time-format.js";
import type { KnowledgeController } from "./knowledge-controller.js";

export function renderKnowledge(knowledge: KnowledgeController, t: ConsoleStrings, lang: string) {
  const submitText = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const entry = { title: String(data.get("title") ?? ""), url: String(data.get("url") ?? ""), text: String(data.get("text") ?? "") };
    if (await knowledge.addText(entry)) form.reset();
  };
  const submitUrl = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    if (await knowledge.addUrl(String(new FormData(form).get("url") ?? ""))) form.reset();
  };
  const notice = knowledge.notice;
  return html`<div class="knowledge" part="knowledge">
    <p class="muted">${t.knowledgeIntro}</p>
    <section aria-labelledby="knowledge-url-heading">
      <h2 id="knowledge-url-heading">${t.addUrlHeading}</h2>
      <form class="knowledge-form" part="knowledge-url-form" @submit=${submitUrl}>
        <div class="field"><label for="knowledge-page-url">${t.pageUrl}</label>
          <input id="knowledge-page-url" name="url" type="url" part="input" required placeholder="https://" autocomplete="off" /></div>
        <button class="primary" part="knowledge-url-button" type="submit" ?disabled=${knowledge.busy}>${t.addUrl}</button>
      </form>
    </section>
    <section aria-labelledby="knowledge-text-heading">
      <h2 id="knowledge-text-heading">${t.addTextHeading}</h2>
      <form class="knowledge-form" part="knowledge-text-form" @submit=${submitText}>
        <div class="field"><label for="knowledge-title">${t.entryTitle}</label>
          <input id="knowledge-title" name="title" part="input" required maxlength="200" autocomplete="off" /></div>
        <div class="field"><label for="knowledge-link">${t.entryLink}</label>
          <input id="knowledge-link" name="url" type="url" part="input" placeholder="https://" autocomplete="off" /></div>
        <div class="field"><label for="knowledge-text">${t.entryText}</label>
          <textarea id="knowledge-text" name="text" part="input" required rows="6" maxlength="50000"></textarea></div>
        <button class="primary" part="knowledge-text-button" type="submit" ?disabled=${knowledge.busy}>${t.addText}</button>
      </form>
    </section>
    ${knowledge.error ? html`<p class="form-error" part="form-error" role="alert">${t.failed(knowledge.error)}</p>` : nothing}
    <p class="notice" part="knowledge-notice" role="status">${
      notice === undefined ? "" : notice.kind === "text" ? t.textAdded(notice.title) : t.urlAdded(notice.added, notice.skipped)
    }</p>
    <section aria-labelledby="knowledge-entries-heading">
      <h2 id="knowledge-entries-heading">${t.knowledgeEntries}</h2>
      ${knowledge.loadError ? html`<p class="form-error" role="alert">${t.failed(knowledge.loadError.message)}</p>` : nothing}
      ${
        knowledge.entries === undefined
          ? html`<p class="empty">${t.loading}</p>`
          : knowledge.entries.length === 0
            ? html`<p class="empty" part="empty">${t.noKnowledge}</p>`
            : html`<ul class="table" part="knowledge-entries">${knowledge.entries.map((entry) => {
                const href = entry.url ? safeUrl(entry.url) : null;
                return html`<li part="knowledge-entry" data-entry-id=${entry.entryId}>
                <span class="who">${
                  href && /^https?:/.test(href)
                    ? html`<a href=${href} target="_blank" rel="noopener noreferrer">${entry.title}</a>`
                    : entry.title
                }</span>
                <span class="muted">${t.entrySize(entry.chars, entry.chunks)}</span>
                <span class="muted">${longTime(entry.addedAt, lang)}</span>
                <button type="button" part="remove-button" aria-label="${t.remove} ${entry.title}" ?disabled=${knowledge.busy}
                  @click=${() => knowledge.remove(entry.entryId)}>${t.remove}</button>
              </li>`;
              })}</ul>`
      }
    </section>
  </div>`;
}
