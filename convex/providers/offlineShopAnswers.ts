// What the offline responder knows of the demo shop (demo/index.html, "Juniper & Oak"): the help
// text that page shows, answered by keyword so the offline demo answers the shop's questions
// (shipping, returns, brewing) instead of ignoring them, the same way every time. Each answer is
// the page's own sentence, word for word (convex/tests/offlineShopAnswers.test.ts checks it), so
// the demo never claims what the shop does not say. A knowledge base will replace this later.

/** A topic of the shop's help text: the words that ask about it and the page's answer. */
export interface ShopTopic {
  topic: string;
  asks: RegExp;
  answer: string;
}

export const SHOP_TOPICS: readonly ShopTopic[] = [
  {
    topic: "shipping",
    asks: /\b(ship|ships|shipped|shipping|deliver|delivery|deliveries|postage|send to|arrive)\b/i,
    answer:
      "We ship to the UK, the EU, the United States and Canada. Orders leave within two working days; delivery takes 3 to 5 working days in Europe and 5 to 10 in North America, free over £40.",
  },
  {
    topic: "returns",
    asks: /\b(return|returns|refund|refunds|exchange|send (it|them) back)\b/i,
    answer:
      "Unopened tea can be returned within 30 days for a full refund; if a tea arrives damaged, tell us within 14 days and we replace it.",
  },
  {
    topic: "brewing",
    asks: /\b(brew|brewing|steep|steeping|temperature|how (long|hot)|make (the |a )?tea)\b/i,
    answer:
      "Greens: 80 °C for 2 minutes. Oolongs: 90 °C for 3 minutes, and they take a second steep. Our house chai: simmer 5 minutes in milk and water.",
  },
];

/** The shop's answer to `question`, if it asks about a topic of the help text (the first that matches). */
export function shopAnswer(question: string): ShopTopic | undefined {
  return SHOP_TOPICS.find((topic) => topic.asks.test(question));
}
