/**
 * A deterministic markdown reply of a given size, shaped like a long assistant answer: headings,
 * paragraphs with emphasis, inline code and links, lists, code blocks, a table and a quote.
 */
const SECTIONS = [
  (n: number) => `## Step ${n}: configure the deployment\n\n`,
  (n: number) =>
    `The **widget** streams each reply as it is generated, and *Convex* keeps every chunk, so a reload ` +
    `shows the same text. Call \`client.mutation(api.chat.sendMessage, { text })\` and read the body ` +
    `from [the stream route](https://docs.example.com/streams/${n}) as it arrives; see also ` +
    `https://example.com/guide/${n}.\n\n`,
  (n: number) =>
    `- Install the package with \`npm install convex-chat\`\n- Add the **site key** of site ${n}\n` +
    `- Set \`OPENAI_API_KEY\` on the deployment\n  (the offline responder runs without it)\n\n`,
  (n: number) =>
    "```ts\n" +
    `import { ConvexClient } from "convex/browser";\n\nconst client = new ConvexClient(url${n});\n` +
    `const reply = await client.mutation(api.chat.sendMessage, { text: "hello ${n}" });\n` +
    `console.log(reply.streamId);\n` +
    "```\n\n",
  (n: number) =>
    `| setting | default | meaning |\n|---|:-:|---|\n| \`limit\` | ${n} | messages per minute |\n` +
    `| \`burst\` | 3 | quick messages allowed |\n\n`,
  (n: number) => `> **Note ${n}:** a _stopped_ reply keeps its partial text, marked as stopped.\n\n`,
  (n: number) => `1. Open the panel\n2. Type a question and press **Enter**\n3. Watch reply ${n} stream in\n\n`,
];

export function markdownSample(bytes: number): string {
  let text = "";
  for (let n = 0; text.length < bytes; n++) text += SECTIONS[n % SECTIONS.length](n);
  return text.slice(0, bytes);
}
