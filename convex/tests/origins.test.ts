import { describe, expect, test } from "vitest";
import { normaliseOriginPattern, originMatches } from "../lib/origins";

describe("allowed-origin patterns, as the operator writes them", () => {
  const accepted: [string, string][] = [
    ["https://shop.example.com", "https://shop.example.com"],
    ["  HTTPS://Shop.Example.COM ", "https://shop.example.com"],
    ["https://shop.example.com:443", "https://shop.example.com"],
    ["http://shop.example.com:80", "http://shop.example.com"],
    ["https://shop.example.com:8443", "https://shop.example.com:8443"],
    ["https://*.example.com", "https://*.example.com"],
    ["https://*.example.com:8443", "https://*.example.com:8443"],
    ["http://localhost:*", "http://localhost:*"],
    ["http://127.0.0.1:*", "http://127.0.0.1:*"],
    ["http://[::1]:5173", "http://[::1]:5173"],
    // Under a public suffix, one owner's name: their subdomains are theirs.
    ["https://*.example.co.uk", "https://*.example.co.uk"],
    ["https://*.myshop.github.io", "https://*.myshop.github.io"],
    ["https://*.myshop.vercel.app", "https://*.myshop.vercel.app"],
  ];
  for (const [input, stored] of accepted) {
    test(`accepts ${JSON.stringify(input)} as ${stored}`, () => expect(normaliseOriginPattern(input)).toBe(stored));
  }

  const refused: [string, RegExp][] = [
    ["*", /every page/],
    ["shop.example.com", /not an origin/],
    ["https://shop.example.com/", /not an origin/],
    ["https://shop.example.com/checkout", /not an origin/],
    ["ftp://shop.example.com", /not an origin/],
    ["https://user@shop.example.com", /not an origin/],
    ["https://*.com", /too broad/],
    ["https://*", /not an origin/],
    ["https://a.*.example.com", /not an origin/],
    ["https://*example.com", /not an origin/],
    ["https://shop.example.com:*", /port wildcard/],
    ["https://*.example.com:*", /port wildcard/],
    ["https://shop.example.com:0", /invalid port/],
    ["https://shop.example.com:70000", /invalid port/],
    ["null", /not an origin/],
    // Wildcards on public suffixes (ICANN and the Public Suffix List's private section) admit strangers.
    ["https://*.co.uk", /public suffix "co.uk"/],
    ["https://*.github.io", /public suffix "github.io"/],
    ["https://*.vercel.app", /public suffix "vercel.app"/],
    ["https://*.pages.dev", /public suffix "pages.dev"/],
    ["https://*.s3.amazonaws.com", /public suffix "s3.amazonaws.com"/],
    ["https://*.GitHub.IO:8443", /public suffix "github.io"/],
  ];
  for (const [input, why] of refused) {
    test(`refuses ${JSON.stringify(input)}`, () => expect(() => normaliseOriginPattern(input)).toThrow(why));
  }
});

describe("a browser Origin against a site's patterns", () => {
  const cases: [origin: string, pattern: string, matches: boolean][] = [
    ["https://shop.example.com", "https://shop.example.com", true],
    ["https://shop.example.com:443", "https://shop.example.com", true],
    ["http://shop.example.com", "https://shop.example.com", false],
    ["https://shop.example.com:8443", "https://shop.example.com", false],
    ["https://www.shop.example.com", "https://shop.example.com", false],
    ["https://a.example.com", "https://*.example.com", true],
    ["https://a.b.example.com", "https://*.example.com", true],
    ["https://example.com", "https://*.example.com", false],
    ["https://badexample.com", "https://*.example.com", false],
    ["https://example.com.evil.net", "https://*.example.com", false],
    ["http://a.example.com", "https://*.example.com", false],
    ["https://a.example.com:8443", "https://*.example.com", false],
    ["https://a.example.com:8443", "https://*.example.com:8443", true],
    ["http://localhost:5173", "http://localhost:*", true],
    ["http://localhost", "http://localhost:*", true],
    ["https://localhost:5173", "http://localhost:*", false],
    ["http://localhost.evil.net:5173", "http://localhost:*", false],
    ["http://127.0.0.1:8000", "http://localhost:*", false],
    ["null", "http://localhost:*", false],
    ["", "https://shop.example.com", false],
    ["https://shop.example.com/", "https://shop.example.com", false],
  ];
  for (const [origin, pattern, matches] of cases) {
    test(`${JSON.stringify(origin)} ${matches ? "matches" : "does not match"} ${pattern}`, () => {
      expect(originMatches(origin, [normaliseOriginPattern(pattern)])).toBe(matches);
    });
  }

  test("any one pattern of the list is enough; none is nothing", () => {
    const patterns = ["https://shop.example.com", "https://*.shop.example.net"].map(normaliseOriginPattern);
    expect(originMatches("https://eu.shop.example.net", patterns)).toBe(true);
    expect(originMatches("https://shop.example.com", patterns)).toBe(true);
    expect(originMatches("https://shop.example.net", patterns)).toBe(false);
    expect(originMatches("https://shop.example.com", [])).toBe(false);
  });
});
