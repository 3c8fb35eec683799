// The site settings page (owners): the stored settings (live), the owner's draft, saving with the
// server's refusal shown next to its field, and the identity secret rotated and shown once.
import type { ConvexClient } from "convex/browser";
import type { ReactiveController, ReactiveControllerHost } from "lit";
import { QueryController } from "../controllers/query-controller.js";
import { describeError } from "../core/errors.js";
import { siteSettingsApi } from "../core/operator-api.js";
import { changeFrom, fieldOfError, fieldsFrom, type SettingsField, type SettingsFields } from "../core/settings-form.js";

/** The outcome of the last save. */
export type SaveState =
  | { status: "idle" }
  | { status: "saving" }
  | { status: "saved" }
  | { status: "failed"; field?: SettingsField; message: string; code?: string };

/**
 * @example
 * private settings = new SettingsController(this, () => ({ client, siteKey, owner: role === "owner" }));
 * // this.settings.fields, this.settings.edit("greeting", "Hi"), await this.settings.save()
 */
export class SettingsController implements ReactiveController {
  /** The draft (undefined until the settings loaded). */
  fields: SettingsFields | undefined;
  private lastSave: SaveState = { status: "idle" };
  /** A secret just generated: shown once, forgotten with the page or another site. */
  secret: string | undefined;
  secretError: string | undefined;
  private dirty = false;
  private draftOf: string | undefined;
  private readonly query: QueryController<typeof siteSettingsApi.get>;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly input: () => { client: ConvexClient | undefined; siteKey: string | undefined; owner: boolean },
  ) {
    host.addController(this);
    this.query = new QueryController(host, () => {
      const { client, siteKey, owner } = this.input();
      return client && siteKey && owner ? { client, query: siteSettingsApi.get, args: { siteKey } } : undefined;
    });
  }

  get settings() {
    return this.query.value;
  }

  get loadError() {
    return this.query.error;
  }

  get saveState(): SaveState {
    return this.lastSave;
  }

  edit<K extends SettingsField>(field: K, value: SettingsFields[K]): void {
    if (!this.fields) return;
    this.fields = { ...this.fields, [field]: value };
    this.dirty = true;
    // The refusal stays next to its field until the owner saves again; a general one goes now.
    if (this.lastSave.status === "saved") this.lastSave = { status: "idle" };
    this.host.requestUpdate();
  }

  async save(): Promise<SaveState> {
    const { client, siteKey } = this.input();
    const saved = this.settings;
    if (!client || !siteKey || !saved || !this.fields) return this.lastSave;
    this.setSave({ status: "saving" });
    try {
      const change = changeFrom(saved, this.fields);
      if (Object.keys(change).length > 0) await client.mutation(siteSettingsApi.update, { siteKey, ...change });
      this.dirty = false;
      this.setSave({ status: "saved" });
    } catch (error) {
      this.setSave({ status: "failed", ...fieldOfError(error) });
    }
    return this.lastSave;
  }

  async rotateSecret(): Promise<void> {
    const { client, siteKey } = this.input();
    if (!client || !siteKey) return;
    this.secretError = undefined;
    try {
      this.secret = (await client.mutation(siteSettingsApi.rotateIdentitySecret, { siteKey })).secret;
    } catch (error) {
      this.secretError = describeError(error).message;
    }
    this.host.requestUpdate();
  }

  hostUpdate(): void {
    const { siteKey } = this.input();
    if (siteKey !== this.draftOf) {
      // Another site: nothing of the last one's draft, result or secret carries over.
      this.draftOf = siteKey;
      this.fields = undefined;
      this.dirty = false;
      this.secret = this.secretError = undefined;
      this.lastSave = { status: "idle" };
    }
    // The stored settings change live (another owner, or this save): follow them unless editing.
    const settings = this.settings;
    if (settings && settings.siteKey === siteKey && (!this.fields || !this.dirty)) this.fields = fieldsFrom(settings);
  }

  private setSave(state: SaveState): void {
    this.lastSave = state;
    this.host.requestUpdate();
  }
}
