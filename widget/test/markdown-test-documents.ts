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

export const CODE_HEAVY = "Intro:\n\n```python\ndef f(x):\n    return x * 2\n\n\nprint(f(3))\n```\nAfter the code.\n\n~~~\n```not a close\n~~~~\n\n    indented line\n\n```js\nunclosed();\n";

export const LISTS = "1. **Install**:\n   ```bash\n   npm i x\n   ```\n2. Run it\n\n1. First\n2. Second\n   - a\n   - b\n\n     para under b\n3. Third\n\n* star\n* list\n\n- [ ] task?\n-\n- after empty\n\nText right after.\n+ plus list\n";

export const EDGE_CASES =
  "**unclosed strong\n\n_under_score_ and snake_case_name and *a **b** c*\n\n`` code with ` tick `` and ```\n\n" +
  "[not a link] [also](not closed\n\n[nested [brackets]](https://x.example) [[double]](https://y.example)\n\n" +
  "| a |\n| - |\n\nCRLF line\r\nnext\r\n\r\n# Heading #\n####### seven\n#nospace\n\\# escaped\n\n> quote\n\n---\nend";

export const ALL_DOCUMENTS = { FEATURES, CODE_HEAVY, LISTS, EDGE_CASES };
