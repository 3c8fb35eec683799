// A site's settings as its owners change them from the console. The same validation and update
// path as the deployment operator's internal `sites:*` functions (lib/sites.ts), so the console
// can never store what `npx convex run sites:update` would refuse.
import { v } from "convex/values";
import { mutation, query } from "./_generated/server";
import { siteLimitsValidator } from "./lib/limitsConfig";
import { invalidArgument } from "./lib/errors";
import { requireOperator } from "./lib/operators";
import { updateSite, type ClearableSiteField, type ModelSettings } from "./lib/sites";

/**
 * Model settings as the console names them: `model` is the provider's model name (stored as the
 * site's `model.name`, which `sites:*` call it).
 */
const consoleModelValidator = v.object({
  model: v.optional(v.string()),
  temperature: v.optional(v.number()),
  maxOutputTokens: v.optional(v.number()),
});

const settingsView = v.object({
  siteKey: v.string(),
  name: v.string(),
  greeting: v.optional(v.string()),
  assistantName: v.optional(v.string()),
  accentColor: v.optional(v.string()),
  suggestedQuestions: v.optional(v.array(v.string())),
  systemPrompt: v.optional(v.string()),
  model: v.optional(consoleModelValidator),
  allowedOrigins: v.array(v.string()),
  limits: v.optional(siteLimitsValidator),
  /** Days conversations are kept after their last activity; unset: kept until deleted. */
  retentionDays: v.optional(v.number()),
  enabled: v.boolean(),
  /** Whether visitors may ask for a person ("Talk to a person"); on unless turned off. */
  humanHandoff: v.boolean(),
  /** Whether signed identities are on; the secret itself is shown once, by `rotateIdentitySecret`. */
  hasIdentitySecret: v.boolean(),
});

/** The site's settings (owners). Errors: `UNAUTHENTICATED`, `NOT_FOUND`, `FORBIDDEN` (an agent). */
export const get = query({
  args: { siteKey: v.string() },
  returns: settingsView,
  handler: async (ctx, { siteKey }) => {
    const { site } = await requireOperator(ctx, { siteKey }, "owner");
    const { name, greeting, assistantName, accentColor, suggestedQuestions, systemPrompt, allowedOrigins, limits, enabled } = site;
    return {
      siteKey: site.key,
      name,
      greeting,
      assistantName,
      accentColor,
      suggestedQuestions,
      systemPrompt,
      model: site.model === undefined ? undefined : fromStoredModel(site.model),
      allowedOrigins,
      limits,
      retentionDays: site.retentionDays,
      enabled,
      humanHandoff: site.humanHandoff ?? true,
      hasIdentitySecret: site.identitySecret !== undefined,
    };
  },
});

/**
 * Changes the given settings (owners); omitted ones keep their value. An empty `greeting`,
 * `assistantName`, `accentColor` or `systemPrompt` removes it, as does an empty `suggestedQuestions`
 * (questions are trimmed); `model` and `limits` replace the
 * whole object (`{}` removes them). Refusals are `INVALID_ARGUMENT` with `field` (e.g.
 * `allowedOrigins`, `model.temperature`, `limits.visitorBurst`) and write nothing; plus
 * `UNAUTHENTICATED`, `NOT_FOUND`, `FORBIDDEN`.
 */
export const update = mutation({
  args: {
    siteKey: v.string(),
    name: v.optional(v.string()),
    greeting: v.optional(v.string()),
    assistantName: v.optional(v.string()),
    accentColor: v.optional(v.string()),
    suggestedQuestions: v.optional(v.array(v.string())),
    systemPrompt: v.optional(v.string()),
    model: v.optional(consoleModelValidator),
    allowedOrigins: v.optional(v.array(v.string())),
    limits: v.optional(siteLimitsValidator),
    /** Days conversations are kept after their last activity (1-3650); 0 removes the period. */
    retentionDays: v.optional(v.number()),
    enabled: v.optional(v.boolean()),
    humanHandoff: v.optional(v.boolean()),
  },
  returns: v.null(),
  handler: async (ctx, { siteKey, model, limits, retentionDays, suggestedQuestions, ...settings }) => {
    const { site } = await requireOperator(ctx, { siteKey }, "owner");
    const changes: Record<string, unknown> = {};
    const clear: ClearableSiteField[] = [];
    if (retentionDays === 0) clear.push("retentionDays");
    else if (retentionDays !== undefined) changes.retentionDays = retentionDays;
    if (suggestedQuestions !== undefined) {
      if (suggestedQuestions.length === 0) clear.push("suggestedQuestions");
      else changes.suggestedQuestions = suggestedQuestions.map((question) => question.trim());
    }
    for (const [field, value] of Object.entries(settings)) {
      if (value === undefined) continue;
      const clearable = field === "greeting" || field === "assistantName" || field === "accentColor" || field === "systemPrompt";
      if (clearable && typeof value === "string" && value.trim() === "") clear.push(field);
      else changes[field] = typeof value === "string" && field !== "systemPrompt" ? value.trim() : value;
    }
    if (model !== undefined) {
      const stored = toStoredModel(model);
      if (Object.keys(stored).length === 0) clear.push("model");
      else changes.model = stored;
    }
    if (limits !== undefined) {
      // The site's share of the shared deployment's token budget is the deployment operator's to
      // set (internal sites:update): an owner may not raise it, and replacing `limits` keeps it.
      const operatorBudget = site.limits?.dailyTokenBudget;
      if (limits.dailyTokenBudget !== undefined && limits.dailyTokenBudget !== operatorBudget) {
        throw invalidArgument("limits.dailyTokenBudget", "The site's daily token budget is set by the deployment's operator.");
      }
      const kept = { ...limits, dailyTokenBudget: operatorBudget };
      if (Object.values(kept).every((value) => value === undefined)) clear.push("limits");
      else changes.limits = kept;
    }
    await updateSite(ctx, site, changes, clear);
    return null;
  },
});

/**
 * Generates a new identity secret for signed customer identities (owners), replacing any earlier
 * one at once (pages signed with it stop working). Returns it this once: no function returns it
 * again. 32 random bytes as hex (64 characters).
 */
export const rotateIdentitySecret = mutation({
  args: { siteKey: v.string() },
  returns: v.object({ secret: v.string() }),
  handler: async (ctx, { siteKey }) => {
    const { site } = await requireOperator(ctx, { siteKey }, "owner");
    // The mutation runtime's getRandomValues is a CSPRNG seeded per execution by the backend, so
    // the secret is unpredictable to clients (and the same if the transaction is retried).
    const bytes = crypto.getRandomValues(new Uint8Array(32));
    const secret = [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
    await updateSite(ctx, site, { identitySecret: secret });
    return { secret };
  },
});

function fromStoredModel({ name, temperature, maxOutputTokens }: ModelSettings) {
  return { model: name, temperature, maxOutputTokens };
}

function toStoredModel({
  model,
  temperature,
  maxOutputTokens,
}: {
  model?: string;
  temperature?: number;
  maxOutputTokens?: number;
}): ModelSettings {
  const stored: ModelSettings = {};
  if (model !== undefined && model.trim() !== "") stored.name = model.trim();
  if (temperature !== undefined) stored.temperature = temperature;
  if (maxOutputTokens !== undefined) stored.maxOutputTokens = maxOutputTokens;
  return stored;
}
