// What the hostile-content tests assert about rendered content: no script, no handler attribute,
// no dangerous URL, no element that loads or runs anything, no request beyond the backend.

/** Elements rendered content may contain (markdown output, the copy button, the caret). */
const ALLOWED_TAGS = new Set([
  "P",
  "H1",
  "H2",
  "H3",
  "H4",
  "H5",
  "H6",
  "UL",
  "OL",
  "LI",
  "BLOCKQUOTE",
  "PRE",
  "CODE",
  "EM",
  "STRONG",
  "DEL",
  "A",
  "BR",
  "HR",
  "TABLE",
  "THEAD",
  "TBODY",
  "TR",
  "TH",
  "TD",
  "DIV",
  "SPAN",
]);
/** Named in the brief: these must never come from content. */
const FORBIDDEN_TAGS = [
  "img",
  "iframe",
  "object",
  "embed",
  "svg",
  "math",
  "style",
  "script",
  "link",
  "meta",
  "base",
  "form",
  "video",
  "audio",
  "source",
  "template",
];
const URL_ATTRIBUTES = ["href", "src", "action", "formaction", "xlink:href", "srcset", "poster", "data", "background", "ping", "srcdoc"];
const SAFE_PROTOCOLS = new Set(["http:", "https:", "mailto:"]);

function describe(element: Element): string {
  return `<${element.tagName.toLowerCase()}${[...element.attributes].map((a) => ` ${a.name}="${a.value.slice(0, 60)}"`).join("")}>`;
}

/** Problems with one element; `inContent` when it is inside a rendered message. */
export function elementViolations(element: Element, inContent: boolean): string[] {
  const found: string[] = [];
  for (const attribute of element.attributes) {
    const name = attribute.name.toLowerCase();
    if (name.startsWith("on")) found.push(`handler attribute ${name} on ${describe(element)}`);
    if (URL_ATTRIBUTES.includes(name)) {
      let protocol = "unparsable:";
      try {
        protocol = new URL(attribute.value).protocol;
      } catch {
        /* a relative or broken URL is a violation too */
      }
      if (!SAFE_PROTOCOLS.has(protocol)) found.push(`${name}=${JSON.stringify(attribute.value.slice(0, 80))} on ${describe(element)}`);
    }
  }
  if (inContent) {
    const tag = element.tagName.toUpperCase();
    if (FORBIDDEN_TAGS.includes(element.localName) || !ALLOWED_TAGS.has(tag)) {
      if (!(tag === "BUTTON" && element.classList.contains("code-copy"))) found.push(`element ${describe(element)} from content`);
    }
    if (element.hasAttribute("style")) found.push(`style attribute on ${describe(element)}`);
  }
  return found;
}

/** Every violation in a shadow root (or any root): message content is checked strictly. */
export function rootViolations(root: ParentNode, contentSelector: string): string[] {
  const found: string[] = [];
  for (const element of root.querySelectorAll("*")) {
    found.push(...elementViolations(element, !!element.closest(contentSelector) && !element.matches(contentSelector)));
  }
  return found;
}

/**
 * Watches `root` from now on: records violations in every DOM state (a streaming reply passes
 * through partial states), script that ran (`window.__pwned`, `alert`), CSP violations, and
 * resource requests to origins other than `allowedOrigins` or to `/__leak/` URLs.
 */
export function watchForAttacks(root: Node & ParentNode, contentSelector: string, allowedOrigins: string[]) {
  const violations = new Set<string>();
  const record = (items: string[]) => items.forEach((item) => violations.add(item));
  const originalAlert = window.alert;
  window.alert = () => void violations.add("alert() was called");
  const onViolation = (event: SecurityPolicyViolationEvent) =>
    violations.add(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`);
  document.addEventListener("securitypolicyviolation", onViolation);
  const mutations = new MutationObserver((records) => {
    for (const change of records) {
      const targets = change.type === "attributes" ? [change.target] : [...change.addedNodes];
      for (const node of targets) {
        if (!(node instanceof Element)) continue;
        for (const element of [node, ...node.querySelectorAll("*")]) {
          record(elementViolations(element, !!element.closest(contentSelector) && !element.matches(contentSelector)));
        }
      }
    }
  });
  mutations.observe(root, { subtree: true, childList: true, attributes: true });
  const requests: string[] = [];
  const resources = new PerformanceObserver((list) => list.getEntries().forEach((entry) => requests.push(entry.name)));
  resources.observe({ type: "resource" });

  return {
    /** Everything seen so far, including a final scan of the root. */
    violations(): string[] {
      record(rootViolations(root, contentSelector));
      if ((window as unknown as { __pwned?: unknown }).__pwned !== undefined)
        violations.add("a payload's script ran (window.__pwned is set)");
      for (const url of requests) {
        if (url.includes("/__leak/") || !allowedOrigins.includes(new URL(url).origin)) violations.add(`request to ${url}`);
      }
      return [...violations];
    },
    requests,
    /**
     * Waits until a request made now has been observed: the resource entries of anything content
     * asked for earlier (an image, a stylesheet) have then been delivered too.
     */
    async settle(): Promise<void> {
      const marker = `${location.origin}/__backend.json?settle=${Date.now()}-${Math.random()}`;
      await fetch(marker);
      const deadline = Date.now() + 10_000;
      while (!requests.includes(marker) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      if (!requests.includes(marker)) throw new Error("the resource observer saw no entry for a request made to settle");
    },
    stop(): void {
      mutations.disconnect();
      resources.disconnect();
      document.removeEventListener("securitypolicyviolation", onViolation);
      window.alert = originalAlert;
    },
  };
}
