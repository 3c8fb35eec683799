// custom-elements.json is generated from the element's JSDoc (`npm run manifest`) and committed, so
// editors and documentation tools read the element's API. This fails when it is stale: when the
// element, its events or their JSDoc changed and the manifest was not regenerated.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
// @ts-expect-error The analyzer ships no types for its CLI module.
import { cli } from "@custom-elements-manifest/analyzer/cli.js";
import { describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "..");

interface Manifest {
  modules: Array<{ path: string; declarations?: Array<Record<string, unknown> & { name: string; customElement?: boolean }> }>;
}

describe("custom-elements.json", () => {
  it("matches a fresh run of the analyzer (run `npm run manifest` after changing the element's API)", async () => {
    const fresh = (await cli({
      argv: ["analyze", "--config", "custom-elements-manifest.config.mjs", "--quiet"],
      cwd: root,
      noWrite: true,
    })) as Manifest;
    const committed = JSON.parse(readFileSync(resolve(root, "custom-elements.json"), "utf8")) as Manifest;
    expect(committed).toEqual(JSON.parse(JSON.stringify(fresh)));
  });

  it("documents the element's tag, attributes, methods and typed events", () => {
    const manifest = JSON.parse(readFileSync(resolve(root, "custom-elements.json"), "utf8")) as Manifest;
    const element = manifest.modules.flatMap((m) => m.declarations ?? []).find((d) => d.customElement);
    expect(element).toMatchObject({ name: "ConvexChat", tagName: "convex-chat" });
    const names = (key: string) => ((element?.[key] ?? []) as Array<{ name: string }>).map((item) => item.name);
    expect(names("attributes")).toEqual(expect.arrayContaining(["convex-url", "site-key", "conversation-key"]));
    expect(names("members")).toEqual(expect.arrayContaining(["open", "close", "toggle", "send", "newConversation", "prefill"]));
    const events = (element?.events ?? []) as Array<{ name: string; type?: { text: string } }>;
    expect(events.map((e) => e.name)).toEqual(
      expect.arrayContaining([
        "convex-chat-open",
        "convex-chat-close",
        "convex-chat-send",
        "convex-chat-reply-start",
        "convex-chat-reply-end",
        "convex-chat-error",
      ]),
    );
    // Only documented events, each with the class it is dispatched as.
    for (const event of events) {
      expect(event.name).toMatch(/^convex-chat-/);
      expect(event.type?.text).toMatch(/^ConvexChat\w+Event$/);
    }
  });

  it("documents the console's tag, attributes and events", () => {
    const manifest = JSON.parse(readFileSync(resolve(root, "custom-elements.json"), "utf8")) as Manifest;
    const element = manifest.modules.flatMap((m) => m.declarations ?? []).find((d) => d.customElement && d.name === "ConvexChatConsole");
    expect(element).toMatchObject({ tagName: "convex-chat-console" });
    const names = (key: string) => ((element?.[key] ?? []) as Array<{ name: string }>).map((item) => item.name);
    expect(names("attributes")).toEqual(expect.arrayContaining(["convex-url", "site-key", "storage", "theme"]));
    expect(names("events")).toEqual(
      expect.arrayContaining(["convex-chat-sign-in", "convex-chat-sign-out", "convex-chat-site-change", "convex-chat-conversation-open"]),
    );
  });
});
