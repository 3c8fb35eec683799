// The offline responder answers the demo shop's questions from the demo page's own text.
import { readFileSync } from "node:fs";
import { expect, test } from "vitest";
import { SHOP_TOPICS, shopAnswer } from "../providers/offlineShopAnswers";
import { offlineReplyText } from "../providers/offlineText";

const pageText = readFileSync(new URL("../../demo/index.html", import.meta.url), "utf8")
  .replace(/<[^>]+>/g, " ")
  .replace(/\s+/g, " ");

test("every answer is the demo page's own text, word for word", () => {
  for (const { topic, answer } of SHOP_TOPICS) expect(pageText, topic).toContain(answer);
});

test.each([
  ["Do you ship to Canada?", "shipping"],
  ["How long does delivery take?", "shipping"],
  ["Can I return an opened tin?", "returns"],
  ["I want a refund", "returns"],
  ["How do I brew the oolong?", "brewing"],
  ["What temperature for green tea?", "brewing"],
])("%s → %s", (question, topic) => {
  expect(shopAnswer(question)?.topic).toBe(topic);
  const reply = offlineReplyText(question, null);
  expect(reply).toContain(SHOP_TOPICS.find((t) => t.topic === topic)!.answer);
  expect(reply).toContain("offline demo");
  expect(reply).not.toContain("You asked");
  expect(offlineReplyText(question, null), "deterministic").toBe(reply);
});

test("other questions keep the generic answer", () => {
  expect(shopAnswer("What is Convex?")).toBeUndefined();
  expect(offlineReplyText("Hello there", null)).toContain("Hello to you too!");
});
