// Custom Elements Manifest analyzer config. `npm run manifest` writes custom-elements.json at the
// repository root; e2e/custom-elements-manifest.test.ts (part of `npm test`) fails when the committed
// file differs from a fresh run. The element's API comes from its JSDoc (@fires, @csspart, @cssprop,
// @slot) and its members' JSDoc; the events' classes from widget/src/events/.

/**
 * The analyzer also reads every `dispatchEvent(new SomeEvent(arg))` and takes `arg` for the event's
 * name (e.g. "auth" from `new ConvexChatErrorEvent("auth", …)`): keep only the documented
 * `convex-chat-*` events, and name the class each one is dispatched as.
 */
function convexChatEvents() {
  return {
    name: "convex-chat-events",
    packageLinkPhase({ customElementsManifest }) {
      const classes = new Map();
      for (const module of customElementsManifest.modules) {
        for (const declaration of module.declarations ?? []) {
          const eventName = declaration.members?.find((m) => m.name === "eventName" && m.static)?.default;
          if (eventName) classes.set(JSON.parse(eventName), { name: declaration.name, module: module.path });
        }
      }
      for (const module of customElementsManifest.modules) {
        for (const declaration of module.declarations ?? []) {
          if (!declaration.customElement || !declaration.events) continue;
          declaration.events = declaration.events
            .filter((event) => event.name?.startsWith("convex-chat-") && event.description)
            .map((event) => {
              const eventClass = classes.get(event.name);
              return eventClass
                ? { ...event, type: { text: eventClass.name, references: [{ ...eventClass, package: "convex-chat" }] } }
                : event;
            });
        }
      }
    },
  };
}

/**
 * define.ts registers the element as `customElements.define(tagName, ConvexChat)` with
 * `const tagName = "convex-chat"`; the analyzer records the variable's name as the tag: use its value.
 */
function resolveTagNames() {
  return {
    name: "resolve-tag-names",
    packageLinkPhase({ customElementsManifest }) {
      const constants = new Map();
      for (const module of customElementsManifest.modules) {
        for (const declaration of module.declarations ?? []) {
          if (declaration.kind === "variable" && /^"[a-z][a-z0-9]*-[a-z0-9-]*"$/.test(declaration.default ?? "")) {
            constants.set(declaration.name, JSON.parse(declaration.default));
          }
        }
      }
      for (const module of customElementsManifest.modules) {
        for (const declaration of module.declarations ?? []) {
          if (declaration.customElement && constants.has(declaration.tagName)) declaration.tagName = constants.get(declaration.tagName);
        }
        for (const entry of module.exports ?? []) {
          if (entry.kind === "custom-element-definition" && constants.has(entry.name)) entry.name = constants.get(entry.name);
        }
      }
    },
  };
}

export default {
  // The public surface: the elements (the chat and the operators' console), their events and registration.
  globs: [
    "widget/src/convex-chat/convex-chat.ts",
    "widget/src/events/*.ts",
    "widget/src/define.ts",
    "widget/src/console/convex-chat-console.ts",
    "widget/src/define-console.ts",
  ],
  outdir: ".",
  litelement: true,
  // The manifest is committed; package.json's "customElements" field is set by hand, not per run.
  packagejson: false,
  plugins: [convexChatEvents(), resolveTagNames()],
};
