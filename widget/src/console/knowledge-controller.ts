// The knowledge page (owners): the site's entries, live, and adding a text or a page/sitemap, and
// removing an entry. Adds are actions (they embed): `busy` while one runs, `error` if it failed.
import type { ReactiveControllerHost } from "lit";
import { QueryController } from "../controllers/query-controller.js";
import { knowledgeApi } from "../core/knowledge-api.js";
import { SiteChangeController, type SitePageInput } from "./site-change-controller.js";

/** What the last successful change did, said once under the forms. */
export type KnowledgeNotice = { kind: "text"; title: string } | { kind: "url"; added: number; skipped: number };

/**
 * @example
 * private knowledge = new KnowledgeController(this, () => ({ client, siteKey, owner }));
 * // await this.knowledge.addText({ title: "Returns", text: "…" }); this.knowledge.entries
 */
export class KnowledgeController extends SiteChangeController {
  /** What the last change did. */
  notice: KnowledgeNotice | undefined;
  private siteKey: string | undefined;
  private readonly listQuery: QueryController<typeof knowledgeApi.list>;

  constructor(host: ReactiveControllerHost, input: SitePageInput) {
    super(host, input);
    this.listQuery = new QueryController(host, () => {
      const { client, siteKey, owner } = this.input();
      return client && siteKey && owner ? { client, query: knowledgeApi.list, args: { siteKey } } : undefined;
    });
  }

  get entries() {
    return this.listQuery.value;
  }

  get loadError() {
    return this.listQuery.error;
  }

  /** Adds (or replaces) a text; true when it was added. */
  addText(entry: { title: string; url?: string; text: string }): Promise<boolean> {
    return this.run(async (client, siteKey) => {
      const url = entry.url?.trim() || undefined;
      const added = await client.action(knowledgeApi.addText, { siteKey, title: entry.title, text: entry.text, ...(url ? { url } : {}) });
      this.notice = { kind: "text", title: added.title };
    });
  }

  /** Fetches and adds a page or a sitemap's pages; true when the call succeeded. */
  addUrl(url: string): Promise<boolean> {
    return this.run(async (client, siteKey) => {
      const { added, skipped } = await client.action(knowledgeApi.addUrl, { siteKey, url: url.trim() });
      this.notice = { kind: "url", added: added.length, skipped: skipped.length };
    });
  }

  remove(entryId: string): Promise<boolean> {
    return this.run(async (client, siteKey) => {
      await client.action(knowledgeApi.remove, { siteKey, entryId });
      this.notice = undefined;
    });
  }

  hostUpdate(): void {
    const { siteKey } = this.input();
    if (siteKey === this.siteKey) return;
    this.siteKey = siteKey;
    this.error = undefined;
    this.notice = undefined;
  }

  protected forgetLastChange(): void {
    this.notice = undefined;
  }
}
