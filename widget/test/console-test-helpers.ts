// Shared by the console's browser tests: a console on the run's backend, operators made through
// real invitations and sign-ups, visitors who chat on the console's test sites, shadow DOM lookups.
import { fixture, html } from "@open-wc/testing";
import { executeServerCommand } from "@web/test-runner-commands";
import { closeAllConsoleDeployments, ConsoleDeployment } from "../src/core/console-deployment.js";
import { closeAllDeployments, Deployment } from "../src/core/deployment.js";
import { invitationsApi, type OperatorRole } from "../src/core/operator-api.js";
import { ReplyStream } from "../src/core/reply-stream.js";
import { chatApi } from "../src/core/api.js";
import { testBackend, waitFor } from "./test-helpers.js";
import "../src/define-console.js";
import type { ConvexChatConsole } from "../src/console/convex-chat-console.js";

/** The sites the console's tests own (web-test-runner.config.mjs). */
export const SITE_A = "console-a";
export const SITE_B = "console-b";
/** The inbox test's own site: no other test adds, resolves or pages its conversations. */
export const SITE_INBOX = "console-inbox";
/** The handoff and notification tests' own sites: each counts the waiting conversations of its site. */
export const SITE_HANDOFF = "console-handoff";
export const SITE_NOTIFICATIONS = "console-notifications";
export const DEMO_OWNER = { email: "owner@demo.test", password: "demo-owner-password" };

/** A fresh page: no console or visitor deployment, nothing stored. */
export async function freshConsole(): Promise<void> {
  await closeAllConsoleDeployments();
  await closeAllDeployments();
  localStorage.clear();
}

/** An email no other test uses. */
export function uniqueEmail(label = "op"): string {
  return `${label}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}@console.test`;
}

/** An invitation code for `email`, as the deployment's operator makes one. */
export function inviteCode(siteKey: string, email: string, role: OperatorRole = "owner"): Promise<string> {
  return executeServerCommand<{ code: string }, { siteKey: string; email: string; role: OperatorRole }>("invite", {
    siteKey,
    email,
    role,
  }).then((result) => result.code);
}

export async function consoleElement(attributes: { siteKey?: string; theme?: string; lang?: string } = {}): Promise<ConvexChatConsole> {
  const { url } = await testBackend();
  return fixture<ConvexChatConsole>(html`<convex-chat-console convex-url=${url} storage="memory" site-key=${attributes.siteKey ?? ""}
    theme=${attributes.theme ?? "light"} lang=${attributes.lang ?? "en"} style="height: 700px"></convex-chat-console>`);
}

export function part<T extends Element = HTMLElement>(element: ConvexChatConsole, selector: string): T {
  const found = element.shadowRoot!.querySelector<T>(selector);
  if (!found) throw new Error(`No ${selector} in the console`);
  return found;
}

export function parts<T extends Element = HTMLElement>(element: ConvexChatConsole, selector: string): T[] {
  return [...element.shadowRoot!.querySelectorAll<T>(selector)];
}

export const has = (element: ConvexChatConsole, selector: string) => element.shadowRoot!.querySelector(selector) !== null;

/** Types into an input of the console as a person would (value + input event). */
export function type(element: ConvexChatConsole, selector: string, value: string): void {
  const input = part<HTMLInputElement | HTMLTextAreaElement>(element, selector);
  input.value = value;
  input.dispatchEvent(new InputEvent("input", { bubbles: true, composed: true }));
}

/** Fills the sign-in (or sign-up) form and submits it with its button. */
export async function submitSignIn(element: ConvexChatConsole, fields: { email: string; password: string; code?: string }): Promise<void> {
  type(element, "#email", fields.email);
  type(element, "#password", fields.password);
  if (fields.code !== undefined) type(element, "#code", fields.code);
  part<HTMLButtonElement>(element, "[part=submit-button]").click();
  await element.updateComplete;
}

/** A new operator of `siteKey`, signed up in `element` through the form with an invitation code. */
export async function signUpOperator(element: ConvexChatConsole, siteKey: string, role: OperatorRole = "owner") {
  const email = uniqueEmail(role);
  const code = await inviteCode(siteKey, email, role);
  part<HTMLButtonElement>(element, "[part=mode-button]").click();
  await element.updateComplete;
  await submitSignIn(element, { email, password: "correct horse battery", code });
  await waitFor(() => has(element, "[part=header]") && has(element, "[part=inbox]"), "the new operator's inbox", 30_000);
  return { email };
}

/** A signed-in operator outside any element (a second person at work, or the test's setup). */
export async function operatorClient(credentials: { email: string; password: string; flow?: "signIn" | "signUp" }) {
  const { url } = await testBackend();
  const memory = new Map<string, string>();
  const deployment = new ConsoleDeployment(url, {
    storage: { getItem: (k) => memory.get(k) ?? null, setItem: (k, v) => void memory.set(k, v), removeItem: (k) => void memory.delete(k) },
  });
  await deployment.session.signIn(credentials);
  const state = deployment.session.state.value;
  if (state.status !== "signed-in") throw new Error(`operator sign-in failed: ${JSON.stringify(state)}`);
  return deployment;
}

/** A visitor of `siteKey` (their own client and anonymous session, in memory). */
export async function visitor(siteKey: string): Promise<Deployment> {
  const { url } = await testBackend();
  const memory = new Map<string, string>();
  const deployment = new Deployment(url, {
    storageMode: "memory",
    storage: {
      getItem: (k) => memory.get(k) ?? null,
      setItem: (k, v) => void memory.set(k, v),
      removeItem: (k) => void memory.delete(k),
      keys: () => [...memory.keys()],
    },
  });
  deployment.auth.start(siteKey);
  await waitFor(() => {
    const state = deployment.auth.state.value;
    if (state.status === "error") throw new Error(state.message);
    return state.status === "signed-in";
  }, "the visitor's sign-in");
  return deployment;
}

/** The visitor sends `text`; with `drive`, their tab also starts the AI's reply (as the widget does). */
export async function visitorSends(
  deployment: Deployment,
  siteKey: string,
  text: string,
  options: { conversationId?: string; drive?: boolean } = {},
) {
  const sent = await deployment.client.mutation(chatApi.sendMessage, { siteKey, text, conversationId: options.conversationId });
  let reply: ReplyStream | undefined;
  if (options.drive && sent.streamId) {
    const { siteUrl } = await testBackend();
    reply = new ReplyStream({
      client: deployment.client,
      streamId: sent.streamId,
      driven: true,
      streamUrl: `${siteUrl}/chat-stream?site=${siteKey}`,
      token: (force) => deployment.auth.token(force),
    });
  }
  return { ...sent, reply };
}

/** The inbox row of a conversation, if shown. */
export function row(element: ConvexChatConsole, conversationId: string): HTMLButtonElement | null {
  return element.shadowRoot!.querySelector<HTMLButtonElement>(`.row[data-conversation-id="${conversationId}"]`);
}

/** A new operator of `siteKey`, signed up and holding the site, outside any element. */
export async function newOperator(siteKey: string, name = "Alex") {
  const email = uniqueEmail(name.toLowerCase());
  const code = await inviteCode(siteKey, email, "agent");
  const { url } = await testBackend();
  const memory = new Map<string, string>();
  const deployment = new ConsoleDeployment(url, {
    storage: { getItem: (k) => memory.get(k) ?? null, setItem: (k, v) => void memory.set(k, v), removeItem: (k) => void memory.delete(k) },
  });
  await deployment.session.signIn({ email, password: "correct horse battery", flow: "signUp", name });
  await deployment.client.mutation(invitationsApi.redeem, { code });
  return deployment;
}
