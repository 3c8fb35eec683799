// Documents the markdown tests stream character by character.

export const FEATURES = `# Title

Some *emph*, **strong**, ~~gone~~, \`code\` and [a link](https://example.com/a "A title"), <https://auto.example>,
https://bare.example/path_(x). and www.example.org. Line with a hard break  
next line\\
and another.

Setext heading
--------------

- one
- **two**
  continued lazily
  - nested
  - list

  a second paragraph in two
- three

3. three
4. four

> quoted *text*
lazy continuation
> > nested quote

\`\`\`ts
const answer = 42; // *not* emphasis
\`\`\`

| left | centre | right |
|:-----|:------:|------:|
| a | \`b\` | [c](https://c.example) |
| d | e |

The table right below this line interrupts it:
| x | y |
|---|---|
| 1 | 2 |
***
![logo](https://img.example/logo.png) and ![data](data:image/png;base64,AAAA)
<script>alert(1)</script> <b onclick="x()">bold?</b> &amp; &copy; &#x41; &unknown;
`;

export const CODE_HEAVY =
  "Intro:\n\n```python\ndef f(x):\n    return x * 2\n\n\nprint(f(3))\n```\nAfter the code.\n\n~~~\n```not a close\n~~~~\n\n    indented line\n\n```js\nunclosed();\n";

export const LISTS =
  "1. **Install**:\n   ```bash\n   npm i x\n   ```\n2. Run it\n\n1. First\n2. Second\n   - a\n   - b\n\n     para under b\n3. Third\n\n* star\n* list\n\n- [ ] task?\n-\n- after empty\n\nText right after.\n+ plus list\n";

export const EDGE_CASES =
  "**unclosed strong\n\n_under_score_ and snake_case_name and *a **b** c*\n\n`` code with ` tick `` and ```\n\n" +
  "[not a link] [also](not closed\n\n[nested [brackets]](https://x.example) [[double]](https://y.example)\n\n" +
  "| a |\n| - |\n\nCRLF line\r\nnext\r\n\r\n# Heading #\n####### seven\n#nospace\n\\# escaped\n\n> quote\n\n---\nend";

export const ALL_DOCUMENTS = { FEATURES, CODE_HEAVY, LISTS, EDGE_CASES };

const MARKERS = ["*", "**", "***", "_", "__", "`", "``", "[", "]", "](", "~~", "![", "\\*", "<"];
const WORDS = ["alpha", "beta", "gamma", "x", "2*3", "snake_case"];

/**
 * One paragraph (no line break) of `length` characters made of emphasis, code, link and escape
 * markers between short words: the worst case for re-parsing an open paragraph at every update.
 * Deterministic (a fixed xorshift sequence).
 */
export function emphasisMarkerReply(length: number): string {
  let seed = 13;
  const pick = <T>(list: readonly T[]): T => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return list[(seed >>> 0) % list.length];
  };
  let text = "";
  while (text.length < length) text += pick(MARKERS) + pick(WORDS) + pick(["", " ", " ", "*", "_"]);
  return text.slice(0, length);
}

/** Plain prose of about `length` characters in one paragraph: words, soft and hard line breaks. */
export function longPlainParagraph(length: number): string {
  let text = "";
  for (let n = 0; text.length < length; n++) text += `word${n}${n % 97 === 0 ? "  \n" : n % 41 === 0 ? "\n" : n % 13 === 0 ? "   " : " "}`;
  return text.slice(0, length);
}
