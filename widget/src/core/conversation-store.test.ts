import { expect } from "@open-wc/testing";
import { ConversationStores, conversationStorageKey, DEFAULT_CONVERSATION_KEY } from "./conversation-store.js";
import type { KeyValueStorage } from "./storage.js";

function memoryStorage(): KeyValueStorage & { entries: Map<string, string> } {
  const entries = new Map<string, string>();
  return {
    entries,
    getItem: (key) => entries.get(key) ?? null,
    setItem: (key, value) => void entries.set(key, value),
    removeItem: (key) => void entries.delete(key),
  };
}

describe("ConversationStores", () => {
  it("keeps one current conversation per key, stored apart; the default key keeps the earlier entry", () => {
    const storage = memoryStorage();
    const stores = new ConversationStores(storage, "ns");
    stores.for("sales").set("c-sales");
    stores.for("support/eu").set("c-support");
    stores.for("").set("c-default");
    expect(Object.fromEntries(storage.entries)).to.deep.equal({
      [conversationStorageKey("ns", "sales")]: "c-sales",
      [conversationStorageKey("ns", "support/eu")]: "c-support",
      __convexChatConversation_ns: "c-default",
    });
    expect(stores.for(DEFAULT_CONVERSATION_KEY).value).to.equal("c-default");
    // A reload reads them back; null forgets one.
    const reloaded = new ConversationStores(storage, "ns");
    expect(reloaded.for("sales").value).to.equal("c-sales");
    reloaded.for("sales").set(null);
    expect(storage.entries.has(conversationStorageKey("ns", "sales"))).to.equal(false);
    expect(reloaded.for("support/eu").value).to.equal("c-support");
    stores.dispose();
    reloaded.dispose();
  });

  it("hands every user of a key the same store, so a switch reaches them all", () => {
    const stores = new ConversationStores(memoryStorage(), "ns");
    const seen: Array<string | null> = [];
    stores.for("shared").subscribe((value) => seen.push(value));
    stores.for("shared").set("c1");
    stores.for(" shared ").set("c2");
    expect(seen).to.deep.equal(["c1", "c2"]);
    stores.dispose();
  });

  it("follows another tab's switch of the same key, in its own storage only", () => {
    const stores = new ConversationStores(localStorage, "h6test");
    const sales = stores.for("sales");
    const key = conversationStorageKey("h6test", "sales");
    const fromTab = (storageKey: string, newValue: string, storageArea: Storage) =>
      window.dispatchEvent(new StorageEvent("storage", { key: storageKey, newValue, storageArea }));
    fromTab(key, "from-other-tab", localStorage);
    expect(sales.value).to.equal("from-other-tab");
    fromTab(key, "session-only", sessionStorage);
    fromTab(conversationStorageKey("h6test", "support"), "elsewhere", localStorage);
    expect(sales.value).to.equal("from-other-tab");
    expect(stores.for("support").value).to.equal(null);
    stores.dispose();
    fromTab(key, "after-dispose", localStorage);
    expect(sales.value).to.equal("from-other-tab");
  });
});
