// The offline responder's test mode: "echo:" + text is answered with exactly that text.
import { describe, expect, test } from "vitest";
import { providerFromEnv } from "../providers";
import { ECHO_MARKER, echoPieces, OfflineProvider } from "../providers/offline";

async function reply(question: string, replyChars?: number): Promise<string[]> {
  const provider = new OfflineProvider({ tokenDelayMs: 0, replyChars });
  const pieces: string[] = [];
  for await (const piece of provider.generate({ system: "", history: [{ role: "user", content: question }] })) pieces.push(piece);
  return pieces;
}

describe("offline responder, echo mode", () => {
  const hostile = "\n<script>alert(1)</script>\n\n[x](javascript:alert(1))  \n\u202eevil 🧨 \u{1F600}".repeat(3) + "   ";

  test("answers with the rest of the message verbatim, whitespace, markup and emoji included", async () => {
    expect((await reply(`${ECHO_MARKER}${hostile}`)).join("")).toBe(hostile);
    expect((await reply(`${ECHO_MARKER}reply with 500 characters`, 9000)).join("")).toBe("reply with 500 characters");
  });

  test("streams in pieces of at most 24 UTF-16 units that never split a character", async () => {
    const pieces = await reply(`${ECHO_MARKER}${"🧨".repeat(40)}${"a".repeat(100)}`);
    expect(pieces.length).toBeGreaterThan(5);
    for (const piece of pieces) {
      expect(piece.length).toBeLessThanOrEqual(24);
      expect(piece).not.toMatch(/^[\udc00-\udfff]|[\ud800-\udbff]$/);
    }
    expect(echoPieces("")).toEqual([]);
  });

  test("only without the marker at the very start does the usual reply come back", async () => {
    expect((await reply(` ${ECHO_MARKER}hello`)).join("")).toContain("offline demo");
    expect((await reply("ECHO:hello")).join("")).toContain("offline demo");
  });

  test("exists only where the offline responder runs: never on a deployment with a model configured", () => {
    expect(providerFromEnv({ OPENAI_API_KEY: "sk-1" })).not.toBeInstanceOf(OfflineProvider);
    expect(providerFromEnv({})).toBeInstanceOf(OfflineProvider);
  });
});
