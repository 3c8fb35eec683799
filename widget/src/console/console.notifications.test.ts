// What tells an operator someone needs them, against the real backend: a browser notification for
// a new waiting conversation (toggle on, permission granted) and the beep only when its toggle is
// on. The browser's edges are stubbed in the page to record calls: `window.Notification` (headless
// Chromium shows none) and `window.AudioContext` (no sound device); nothing else is.
import { expect } from "@open-wc/testing";
import { chatApi } from "../core/api.js";
import { waitFor } from "../../test/test-helpers.js";
import {
  consoleElement,
  freshConsole,
  part,
  row,
  signUpOperator,
  SITE_NOTIFICATIONS,
  visitor,
  visitorSends,
} from "../../test/console-test-helpers.js";
import type { ConvexChatConsole } from "./convex-chat-console.js";

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A visitor who writes and then asks for a person: a new unread waiting conversation. */
async function newWaitingConversation(element: ConvexChatConsole): Promise<string> {
  const person = await visitor(SITE_NOTIFICATIONS);
  const { conversationId } = await visitorSends(person, SITE_NOTIFICATIONS, "Can a person help me?");
  await person.client.mutation(chatApi.requestHuman, { siteKey: SITE_NOTIFICATIONS, conversationId });
  await waitFor(() => row(element, conversationId), "its row in the inbox", 15_000);
  return conversationId;
}

const originals = { Notification: window.Notification, AudioContext: window.AudioContext, hasFocus: document.hasFocus };

afterEach(() => {
  window.Notification = originals.Notification;
  window.AudioContext = originals.AudioContext;
  document.hasFocus = originals.hasFocus;
});

async function signedInConsole(): Promise<ConvexChatConsole> {
  const element = await consoleElement({ siteKey: SITE_NOTIFICATIONS });
  element.noTitleCount = true;
  await signUpOperator(element, SITE_NOTIFICATIONS);
  return element;
}

describe("<convex-chat-console> notifications and sound", function () {
  this.timeout(90_000);
  beforeEach(freshConsole);

  it("creates a browser notification for a new waiting conversation once turned on and granted", async () => {
    const created: { title: string; tag?: string }[] = [];
    let asked = 0;
    class RecordingNotification {
      static permission: NotificationPermission = "default";
      static async requestPermission(): Promise<NotificationPermission> {
        asked += 1;
        RecordingNotification.permission = "granted";
        return "granted";
      }
      onclick: (() => void) | null = null;
      constructor(title: string, options?: NotificationOptions) {
        created.push({ title, tag: options?.tag });
      }
      close() {}
    }
    window.Notification = RecordingNotification as unknown as typeof Notification;
    // The operator looks at another window (a notification is for when the console is not seen).
    document.hasFocus = () => false;
    const element = await signedInConsole();
    await pause(1_000); // the waiting list's first result: the baseline, never announced

    // Off: nothing.
    await newWaitingConversation(element);
    await pause(1_500);
    expect(created, "no notification while off").to.deep.equal([]);

    part<HTMLButtonElement>(element, "[part=notifications-toggle]").click();
    await waitFor(() => part(element, "[part=notifications-toggle]").getAttribute("aria-pressed") === "true", "notifications on");
    expect(asked, "the browser asked once, from the click").to.equal(1);

    const waiting = await newWaitingConversation(element);
    await waitFor(() => created.length > 0, "a notification", 15_000);
    expect(created).to.have.length(1);
    expect(created[0].tag).to.equal(waiting);
    expect(created[0].title).to.match(/^Visitor \w{4} is waiting for a person$/);
  });

  it("beeps (AudioContext) for a new waiting conversation only when the sound is on", async () => {
    let contexts = 0;
    let beeps = 0;
    const node = () => ({
      connect: (next: unknown) => next ?? node(),
      frequency: { value: 0 },
      gain: { setValueAtTime() {}, exponentialRampToValueAtTime() {} },
    });
    class RecordingAudioContext {
      currentTime = 0;
      destination = {};
      constructor() {
        contexts += 1;
      }
      createGain() {
        return node();
      }
      createOscillator() {
        return { ...node(), start: () => (beeps += 1), stop() {} };
      }
    }
    window.AudioContext = RecordingAudioContext as unknown as typeof AudioContext;
    const element = await signedInConsole();
    expect(part(element, "[part=sound-toggle]").getAttribute("aria-pressed")).to.equal("false");
    await pause(1_000);

    await newWaitingConversation(element);
    await pause(1_500);
    expect({ contexts, beeps }, "silent while off").to.deep.equal({ contexts: 0, beeps: 0 });

    part<HTMLButtonElement>(element, "[part=sound-toggle]").click();
    await element.updateComplete;
    expect(part(element, "[part=sound-toggle]").getAttribute("aria-pressed")).to.equal("true");
    await newWaitingConversation(element);
    await waitFor(() => beeps === 1, "one beep", 15_000);
    expect(contexts).to.equal(1);

    part<HTMLButtonElement>(element, "[part=sound-toggle]").click();
    await newWaitingConversation(element);
    await pause(1_500);
    expect(beeps, "silent once off again").to.equal(1);
  });
});
