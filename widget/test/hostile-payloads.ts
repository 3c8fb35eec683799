/**
 * Hostile content for the widget's XSS tests (issue 5): each payload is sent as a visitor message
 * and comes back as model output (the offline responder's `echo:` mode). A payload that ran script
 * sets `window.__pwned` (or calls `alert`); one that fetched something asks for a URL containing
 * `/__leak/` on the test page's origin (`{{ORIGIN}}`, `{{HOST}}` are filled in by `payloadText`).
 */
export interface HostilePayload {
  id: string;
  category: string;
  text: string;
}

const RUN = "window.__pwned=1";

/** Ways to write `javascript:` (and friends) that some sanitizers let through. */
const SCHEMES = [
  `javascript:${RUN}`,
  `JAVASCRIPT:${RUN}`,
  `JaVaScRiPt:${RUN}`,
  ` javascript:${RUN}`,
  `javascript&#58;${RUN}`,
  `javascript&colon;${RUN}`,
  `javascript&#x3A;${RUN}`,
  `&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;${RUN}`,
  `&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;${RUN}`,
  `&#0000106;avascript:${RUN}`,
  `java&Tab;script:${RUN}`,
  `java&NewLine;script:${RUN}`,
  `java\tscript:${RUN}`,
  `jav&#x09;ascript:${RUN}`,
  `jav&#x0A;ascript:${RUN}`,
  `jav&#x0D;ascript:${RUN}`,
  `\u0001javascript:${RUN}`,
  `java\u200bscript:${RUN}`,
  `\u202ejavascript:${RUN}`,
  `javascript\u00ad:${RUN}`,
  `java\\script:${RUN}`,
  `javascript\\:${RUN}`,
  `java%73cript:${RUN}`,
  `javascript://%0A${RUN}`,
  `JavaScript:/**/${RUN}`,
  `vbscript:msgbox(1)`,
  `VBScript:Execute("x")`,
  `livescript:${RUN}`,
  `data:text/html;base64,PHNjcmlwdD53aW5kb3cuX19wd25lZD0xPC9zY3JpcHQ+`,
  `data:text/html,<script>${RUN}</script>`,
  `DATA:text/html,<script>${RUN}</script>`,
  ` data:text/html,x`,
  `data&colon;text/html,<script>${RUN}</script>`,
  `file:///etc/passwd`,
  `//{{HOST}}/__leak/protocol-relative`,
  `/__leak/relative`,
  `\\\\{{HOST}}\\__leak`,
  `blob:{{ORIGIN}}/0000`,
  `about:blank`,
  `chrome://settings`,
  `view-source:{{ORIGIN}}/`,
  `ws://{{HOST}}/__leak/ws`,
];

const schemePayloads: HostilePayload[] = SCHEMES.flatMap((url, i) => [
  { id: `scheme-link-${i}`, category: "dangerous URL in a link", text: `[click ${i}](${url})` },
  { id: `scheme-angle-${i}`, category: "dangerous URL in an autolink", text: `<${url}> and [angle ${i}](<${url}>)` },
  { id: `scheme-image-${i}`, category: "dangerous URL in an image", text: `![image ${i}](${url})` },
]);

const PAYLOADS: Array<[string, string]> = [
  // Script and style tags.
  ["script tag", `<script>${RUN}</script>`],
  ["script tag", `<SCRIPT SRC="{{ORIGIN}}/__leak/script.js"></SCRIPT>`],
  ["script tag", `<script>/* never closed`],
  ["script tag", `<scr<script>ipt>${RUN}</scr</script>ipt>`],
  ["script tag", `<template><script>${RUN}</script></template>`],
  ["script tag", `<noscript><p title="</noscript><img src=x onerror=${RUN}>"></noscript>`],
  ["script tag", `<iframe srcdoc="<script>parent.__pwned=1</script>"></iframe>`],
  ["script tag", `<iframe src="javascript:parent.__pwned=1"></iframe>`],
  ["style tag", `<style>*{display:none!important}</style>`],
  ["style tag", `<style>@import url("{{ORIGIN}}/__leak/style.css");</style>`],
  ["style tag", `<link rel="stylesheet" href="{{ORIGIN}}/__leak/link.css">`],
  ["style tag", `<div style="position:fixed;inset:0;background:url({{ORIGIN}}/__leak/bg.png)">cover</div>`],
  ["meta and base", `<meta http-equiv="refresh" content="0;url=javascript:${RUN}">`],
  ["meta and base", `<base href="javascript:/">`],
  // Event handler attributes.
  ["event handler", `<img src=x onerror=${RUN}>`],
  ["event handler", `<img src="{{ORIGIN}}/__leak/img.png">`],
  ["event handler", `<IMG SRC=x OnErRoR="${RUN}">`],
  ["event handler", `<body onload=${RUN}>`],
  ["event handler", `<div onmouseover="${RUN}">hover me</div>`],
  ["event handler", `<input autofocus onfocus=${RUN}>`],
  ["event handler", `<details open ontoggle=${RUN}><summary>x</summary></details>`],
  ["event handler", `<video><source onerror="${RUN}"></video>`],
  ["event handler", `<audio src=x onerror=${RUN}>`],
  ["event handler", `<object data="{{ORIGIN}}/__leak/object"></object><embed src="{{ORIGIN}}/__leak/embed">`],
  ["event handler", `<form action="javascript:${RUN}"><button formaction="javascript:${RUN}">go</button></form>`],
  ["event handler", `<a href="javascript:${RUN}">an HTML link</a>`],
  ["event handler", `"><img src=x onerror=${RUN}>`],
  ["event handler", `' onmouseover='${RUN}' x='`],
  ["event handler", `<x onclick=${RUN}>custom element</x>`],
  // SVG and MathML.
  ["svg", `<svg onload=${RUN}>`],
  ["svg", `<svg><script>${RUN}</script></svg>`],
  ["svg", `<svg><a xlink:href="javascript:${RUN}"><text x="20" y="20">click</text></a></svg>`],
  ["svg", `<svg><animate onbegin=${RUN} attributeName=x dur=1s>`],
  ["svg", `<svg><set attributeName="onmouseover" to="${RUN}"/></svg>`],
  ["svg", `<svg><foreignObject><iframe src="javascript:parent.__pwned=1"></iframe></foreignObject></svg>`],
  ["svg", `<svg><image href="{{ORIGIN}}/__leak/svg-image.png"/></svg>`],
  ["svg", `![svg](data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciIG9ubG9hZD0id2luZG93Ll9fcHduZWQ9MSIvPg==)`],
  ["mathml", `<math><mtext><table><mglyph><style><img src=x onerror=${RUN}>`],
  ["mathml", `<math href="javascript:${RUN}">CLICK</math>`],
  ["mathml", `<math><maction actiontype="statusline" xlink:href="javascript:${RUN}">x</maction></math>`],
  // Markdown link and image tricks.
  ["markdown link", `[a](https://ok.example "title\\" onmouseover=\\"${RUN}")`],
  ["markdown link", `[a](https://ok.example' onmouseover='${RUN})`],
  ["markdown link", `[a](https://ok.example"onmouseover="${RUN})`],
  ["markdown link", `[![img](https://img.example/a.png)](javascript:${RUN})`],
  ["markdown link", `[[inner](javascript:${RUN})](https://ok.example)`],
  ["markdown link", `[reference][evil]\n\n[evil]: javascript:${RUN}`],
  ["markdown link", `[a](https://ok.example/"><script>${RUN}</script>)`],
  ["markdown link", `<https://ok.example/"onmouseover="${RUN}>`],
  ["markdown link", `https://ok.example/?q=<img src=x onerror=${RUN}>`],
  ["markdown link", `[legitimate link, never fetched]({{ORIGIN}}/__leak/link-target)`],
  ["markdown link", `[mail](mailto:javascript:${RUN})`],
  ["markdown link", `[a](https://a.example\\@evil.example)`],
  ["markdown link", `| col |\n| --- |\n| [x](javascript:${RUN}) |`],
  ["markdown link", `- [x](javascript:${RUN})\n  > [y](vbscript:msgbox)`],
  ["markdown link", `# [heading](javascript:${RUN})`],
  ["markdown link", "`[code](javascript:window.__pwned=1)` stays code"],
  ["markdown image", `![a" onerror="${RUN}](https://img.example/x.png)`],
  ["markdown image", `![a](https://img.example/x.png"onerror="${RUN})`],
  ["markdown image", `![remote image that would load]({{ORIGIN}}/__leak/remote-image.png)`],
  ["markdown image", `![data image that would load](data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7)`],
  ["markdown image", `<img src="data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7" onload="${RUN}">`],
  ["markdown image", `![ref image][pic]\n\n[pic]: {{ORIGIN}}/__leak/ref-image.png`],
  // Entities and Unicode obfuscation.
  ["entities", `&lt;script&gt;${RUN}&lt;/script&gt;`],
  ["entities", `&#60;img src=x onerror=${RUN}&#62;`],
  ["entities", `&amp;lt;script&amp;gt;`],
  ["unicode", `\uff1cscript\uff1e${RUN}\uff1c/script\uff1e`],
  ["unicode", `\ufeff<script>${RUN}</script>`],
  ["unicode", `<scr\u0130pt>${RUN}</scr\u0130pt>`],
  ["unicode", `%3Cscript%3E${RUN}%3C/script%3E and \\x3cscript\\x3e`],
  ["unicode", `[https://bank.example](https://b\u0430nk.example/login)`],
  ["unicode", `Z\u0351\u0346\u0343a\u0338\u0350l\u0352g\u0316o\u0315 ${"\u0300".repeat(200)}`],
  ["unicode", `zero\u200bwidth\u200d\u2060joiners\ufeff and \u0000 nul`],
  // Bidi overrides.
  ["bidi", `invoice\u202efdp.exe`],
  ["bidi", `[\u202eelif-efas.txt](https://files.example/malware.exe)`],
  ["bidi", `\u2066<script>${RUN}</script>\u2069 never closed \u202b right to left`],
  ["bidi", "```\n\u202e reversed code\n```"],
  ["bidi", `| \u202ecell |\n|---|\n| x |`],
  ["bidi", `**\u202dbold override** and \u061c arabic mark`],
  // Markdown structure bombs.
  ["structure", `${">".repeat(100)} deep quote`],
  ["structure", Array.from({ length: 40 }, (_, i) => `${"  ".repeat(i)}- level ${i}`).join("\n")],
  ["structure", `${"*".repeat(600)}a${"_".repeat(600)}`],
  ["structure", `${"[".repeat(500)}x${"](".repeat(300)}`],
  ["structure", `${"`".repeat(300)} ${"a`".repeat(300)}`],
];

/** Long unbroken strings: each must wrap or scroll inside its message. */
const LONG: Array<[string, string]> = [
  ["long string", "A".repeat(3000)],
  ["long string", `https://long.example/${"a".repeat(2500)}`],
  ["long string", `\`${"b".repeat(2500)}\``],
  ["long string", `# ${"H".repeat(2000)}`],
  ["long string", `| ${"c".repeat(1500)} | d |\n|---|---|\n| ${"e".repeat(1000)} | f |`],
  ["long string", "🧨".repeat(1200)],
  ["long string", `[${"l".repeat(1500)}](https://ok.example/${"p".repeat(1500)})`],
  ["long string", "```\n" + "x".repeat(3000) + "\n```"],
];

export const HOSTILE_PAYLOADS: HostilePayload[] = [
  ...PAYLOADS.map(([category, text], i) => ({ id: `p${i}`, category, text })),
  ...schemePayloads,
  ...LONG.map(([category, text], i) => ({ id: `long${i}`, category, text })),
];

/** The payload with the test page's origin and host filled in. */
export function payloadText(payload: HostilePayload, origin: string): string {
  return payload.text.replaceAll("{{ORIGIN}}", origin).replaceAll("{{HOST}}", new URL(origin).host);
}
