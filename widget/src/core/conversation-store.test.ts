import { expect } from "@open-wc/testing";
import { ConversationStores, conversationStorageKey, DEFAULT_CONVERSATION_KEY } from "./conversation-store.js";
import { storedKeys, type KeyValueStorage } from "./storage.js";

function memoryStorage(): KeyValueStorage & { entries: Map<string, string> } {
  const entries = new Map<string, string>();
  return {
    entries,
    getItem: (key) => entries.get(key) ?? null,
    setItem: (key, value) => void entries.set(key, value),
    removeItem: (key) => void entries.delete(key),
    keys: () => [...entries.keys()],
  };
}

describe("ConversationStores", () => {
  it("keeps one current conversation per site and key, stored apart", () => {
    const storage = memoryStorage();
    const stores = new ConversationStores(storage, "ns");
    stores.for("demo", "sales").set("c-sales");
    stores.for("demo", "support/eu").set("c-support");
    stores.for("demo", "").set("c-default");
    stores.for("other", "").set("c-other-site");
    expect(Object.fromEntries(storage.entries)).to.deep.equal({
      [conversationStorageKey("ns", "demo", "sales")]: "c-sales",
      [conversationStorageKey("ns", "demo", "support/eu")]: "c-support",
      [conversationStorageKey("ns", "demo", DEFAULT_CONVERSATION_KEY)]: "c-default",
      [conversationStorageKey("ns", "other", DEFAULT_CONVERSATION_KEY)]: "c-other-site",
    });
    expect(stores.for("demo", DEFAULT_CONVERSATION_KEY).value).to.equal("c-default");
    // A reload reads them back; null forgets one.
    const reloaded = new ConversationStores(storage, "ns");
    expect(reloaded.for("demo", "sales").value).to.equal("c-sales");
    reloaded.for("demo", "sales").set(null);
    expect(storage.entries.has(conversationStorageKey("ns", "demo", "sales"))).to.equal(false);
    expect(reloaded.for("demo", "support/eu").value).to.equal("c-support");
    expect(reloaded.for("other", "default").value).to.equal("c-other-site");
    stores.dispose();
    reloaded.dispose();
  });

  it("never lets two sites (or a site and key split differently) share an entry", () => {
    const stores = new ConversationStores(memoryStorage(), "ns");
    stores.for("a_b", "c").set("first");
    expect(stores.for("a", "b_c").value).to.equal(null);
    expect(conversationStorageKey("ns", "a_b", "c")).to.not.equal(conversationStorageKey("ns", "a", "b_c"));
    stores.for("site-one", "").set("one");
    expect(stores.for("site-two", "").value).to.equal(null);
    stores.dispose();
  });

  it("clear() forgets every site's and key's conversation of the deployment, also keys unused on this page", () => {
    // Web Storage, as in the page: keys are listed with length and key(i).
    const storage = localStorage;
    storage.clear();
    new ConversationStores(storage, "ns").for("demo", "elsewhere").set("c-elsewhere"); // another page's key
    new ConversationStores(storage, "ns2").for("demo", "").set("c-other-deployment");
    const stores = new ConversationStores(storage, "ns");
    const shown = stores.for("demo", "");
    shown.set("c-shown");
    stores.for("other", "x").set("c-other-site");
    storage.setItem("unrelated", "kept");

    stores.clear();
    expect(shown.value).to.equal(null);
    expect(Object.fromEntries(storedKeys(storage).map((key) => [key, storage.getItem(key)]))).to.deep.equal({
      [conversationStorageKey("ns2", "demo", DEFAULT_CONVERSATION_KEY)]: "c-other-deployment",
      unrelated: "kept",
    });
    stores.dispose();
    storage.clear();
  });

  it("drops the entries of versions without sites (a one-time new conversation): they cannot tell their site", () => {
    const storage = memoryStorage();
    storage.setItem("__convexChatConversation_ns", "c-old-default");
    storage.setItem("__convexChatConversation_ns_sales", "c-old-sales");
    storage.setItem("__convexChatConversation_ns2", "c-other-deployment");
    const stores = new ConversationStores(storage, "ns");
    expect(stores.for("demo", "").value).to.equal(null);
    expect([...storage.entries.keys()]).to.deep.equal(["__convexChatConversation_ns2"]);
    stores.dispose();
  });

  it("hands every user of a key the same store, so a switch reaches them all", () => {
    const stores = new ConversationStores(memoryStorage(), "ns");
    const seen: Array<string | null> = [];
    stores.for("demo", "shared").subscribe((value) => seen.push(value));
    stores.for("demo", "shared").set("c1");
    stores.for("demo", " shared ").set("c2");
    expect(seen).to.deep.equal(["c1", "c2"]);
    stores.dispose();
  });

  it("follows another tab's switch of the same key, in its own storage only", () => {
    const stores = new ConversationStores(localStorage, "h6test");
    const sales = stores.for("demo", "sales");
    const key = conversationStorageKey("h6test", "demo", "sales");
    const fromTab = (storageKey: string, newValue: string, storageArea: Storage) =>
      window.dispatchEvent(new StorageEvent("storage", { key: storageKey, newValue, storageArea }));
    fromTab(key, "from-other-tab", localStorage);
    expect(sales.value).to.equal("from-other-tab");
    fromTab(key, "session-only", sessionStorage);
    fromTab(conversationStorageKey("h6test", "demo", "support"), "elsewhere", localStorage);
    expect(sales.value).to.equal("from-other-tab");
    expect(stores.for("demo", "support").value).to.equal(null);
    stores.dispose();
    fromTab(key, "after-dispose", localStorage);
    expect(sales.value).to.equal("from-other-tab");
  });
});
