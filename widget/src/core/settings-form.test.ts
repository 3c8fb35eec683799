import { expect } from "@open-wc/testing";
import { ConvexError } from "convex/values";
import type { SiteSettings } from "./operator-api.js";
import { changeFrom, fieldOfError, fieldsFrom } from "./settings-form.js";

const saved: SiteSettings = {
  siteKey: "shop",
  name: "Shop",
  greeting: "Hi",
  allowedOrigins: ["https://shop.example"],
  enabled: true,
  hasIdentitySecret: false,
  humanHandoff: true,
  model: { model: "gpt-4o-mini", temperature: 0.3 },
  limits: { visitorBurst: 5 },
};

describe("settings form model", () => {
  it("sends only what changed; a cleared text field is sent empty (the server removes it)", () => {
    expect(changeFrom(saved, fieldsFrom(saved))).to.deep.equal({});
    const fields = { ...fieldsFrom(saved), greeting: "", allowedOrigins: "https://shop.example\n\n  https://*.shop.example  \n" };
    expect(changeFrom(saved, fields)).to.deep.equal({ greeting: "", allowedOrigins: ["https://shop.example", "https://*.shop.example"] });
  });

  it("sends the whole model when one of its fields changed, numbers as numbers", () => {
    const fields = { ...fieldsFrom(saved), maxOutputTokens: "800" };
    expect(changeFrom(saved, fields)).to.deep.equal({ model: { model: "gpt-4o-mini", temperature: 0.3, maxOutputTokens: 800 } });
    expect(() => changeFrom(saved, { ...fields, temperature: "warm" })).to.throw("Enter a number.");
    expect(
      fieldOfError(
        (() => {
          try {
            changeFrom(saved, { ...fields, temperature: "warm" });
          } catch (e) {
            return e;
          }
        })(),
      ),
    ).to.deep.equal({
      field: "temperature",
      message: "Enter a number.",
    });
  });

  it("shows every limit (empty: the default) and sends the whole limits object when one changed", () => {
    const fields = fieldsFrom(saved);
    expect(fields.visitorBurst).to.equal("5");
    expect(fields.visitorMessagesPerMinute).to.equal("");
    expect(changeFrom(saved, { ...fields, siteSignInsPerMinute: "60" })).to.deep.equal({
      limits: { visitorBurst: 5, siteSignInsPerMinute: 60 },
    });
    // Emptied: back to the defaults ({} removes the site's limits).
    expect(changeFrom(saved, { ...fields, visitorBurst: "" })).to.deep.equal({ limits: {} });
    // Sent as typed: the server refuses 2.5 (one validation path) with `limits.visitorBurst`.
    expect(changeFrom(saved, { ...fields, visitorBurst: "2.5" })).to.deep.equal({ limits: { visitorBurst: 2.5 } });
    expect(() => changeFrom(saved, { ...fields, visitorBurst: "many" })).to.throw("Enter a number.");
  });

  it("shows the suggested questions one per line and sends them trimmed, blank lines dropped (none: removed)", () => {
    const withQuestions = { ...saved, suggestedQuestions: ["Do you ship to Canada?", "How do I return an item?"] };
    const fields = fieldsFrom(withQuestions);
    expect(fields.suggestedQuestions).to.equal("Do you ship to Canada?\nHow do I return an item?");
    expect(changeFrom(withQuestions, fields)).to.deep.equal({});
    expect(
      changeFrom(withQuestions, { ...fields, suggestedQuestions: "  Do you ship to Canada? \n\nWhat teas do you sell?\n" }),
    ).to.deep.equal({ suggestedQuestions: ["Do you ship to Canada?", "What teas do you sell?"] });
    expect(changeFrom(withQuestions, { ...fields, suggestedQuestions: " \n" })).to.deep.equal({ suggestedQuestions: [] });
    // The server names the question at fault; the form shows it under the one field.
    const refusal = new ConvexError({
      code: "INVALID_ARGUMENT",
      field: "suggestedQuestions.2",
      message: "Suggested question 3 is too long.",
    });
    expect(fieldOfError(refusal).field).to.equal("suggestedQuestions");
  });

  it("sends the human handoff switch when it changed", () => {
    expect(fieldsFrom(saved).humanHandoff).to.equal(true);
    expect(changeFrom(saved, { ...fieldsFrom(saved), humanHandoff: false })).to.deep.equal({ humanHandoff: false });
  });

  it("finds the field of the server's refusal, however the API names it", () => {
    const refusal = (field: string) => new ConvexError({ code: "INVALID_ARGUMENT", message: "No.", field });
    expect(fieldOfError(refusal("allowedOrigins")).field).to.equal("allowedOrigins");
    expect(fieldOfError(refusal("allowedOrigins[2]")).field).to.equal("allowedOrigins");
    expect(fieldOfError(refusal("model.temperature")).field).to.equal("temperature");
    expect(fieldOfError(refusal("model.name")).field).to.equal("modelName");
    expect(fieldOfError(refusal("limits.visitorBurst")).field).to.equal("visitorBurst");
    expect(fieldOfError(refusal("limits.maxConversationsPerVisitor")).field).to.equal("maxConversationsPerVisitor");
    expect(fieldOfError(refusal("limits")).field).to.equal(undefined);
    expect(fieldOfError(new ConvexError({ code: "FORBIDDEN", message: "Owners only." }))).to.deep.equal({
      code: "FORBIDDEN",
      message: "Owners only.",
    });
  });
});
