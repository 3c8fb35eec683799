// Email notifications of the human handoff, as scheduled functions (crons do not run on the local
// backend): the site's operators about a waiting conversation nobody read, the visitor about an
// operator's reply they have not seen. Each check runs when its delay is up (scheduled by
// lib/conversationMode.ts) and decides from the data then; the sending is an action (lib/emailClient.ts).
import { v } from "convex/values";
import { internal } from "./_generated/api";
import { internalAction, internalMutation } from "./_generated/server";
import { sendEmail } from "./lib/emailClient";
import { isUnread } from "./lib/inboxRows";
import { modeOf } from "./lib/conversationMode";

/** At most one operators' email per conversation in this long. */
export const OPERATOR_EMAIL_COOLDOWN_MS = 30 * 60_000;
/** Most operators of a site one email goes to. */
const MAX_OPERATOR_RECIPIENTS = 50;
const EXCERPT_LENGTH = 500;

/**
 * Emails the site's operators once when the conversation that started waiting at `waitingSince`
 * is still waiting and unread by operators (none opened it since, or the visitor wrote after),
 * unless they were emailed about it within {@link OPERATOR_EMAIL_COOLDOWN_MS}.
 */
export const emailOperatorsIfUnread = internalMutation({
  args: { conversationId: v.id("conversations"), waitingSince: v.number() },
  returns: v.null(),
  handler: async (ctx, { conversationId, waitingSince }) => {
    const conversation = await ctx.db.get(conversationId);
    if (conversation === null || modeOf(conversation) !== "waiting" || conversation.waitingSince !== waitingSince) return null;
    const read = (conversation.operatorsReadAt ?? 0) >= waitingSince && !isUnread(conversation);
    if (read) return null;
    const now = Date.now();
    if (conversation.operatorsEmailedAt !== undefined && now - conversation.operatorsEmailedAt < OPERATOR_EMAIL_COOLDOWN_MS) return null;
    const site = await ctx.db.get(conversation.siteId);
    if (site === null) return null;
    const operators = await ctx.db
      .query("operators")
      .withIndex("by_siteId_and_userId", (q) => q.eq("siteId", site._id))
      .take(MAX_OPERATOR_RECIPIENTS);
    const to: string[] = [];
    for (const operator of operators) {
      const email = (await ctx.db.get(operator.userId))?.email;
      if (email) to.push(email);
    }
    if (to.length === 0) return null;
    await ctx.db.patch(conversationId, { operatorsEmailedAt: now });
    const minutes = Math.round((now - waitingSince) / 60_000);
    await ctx.scheduler.runAfter(0, internal.handoffEmails.send, {
      to,
      subject: `[${site.name}] A visitor is waiting for a person`,
      text: `A visitor on ${site.name} asked for a person ${minutes} minute(s) ago and nobody has read the conversation yet.\n\nConversation: "${conversation.title}"\nOpen the console to take it over (conversation ${conversationId}).`,
    });
    return null;
  },
});

/**
 * Emails the visitor the operator's reply `messageId` when they have not seen it (their read
 * mark is older) and left an address; once per reply, and a reply written before the last such
 * email is not mailed again.
 */
export const emailVisitorIfUnseen = internalMutation({
  args: { conversationId: v.id("conversations"), messageId: v.id("messages") },
  returns: v.null(),
  handler: async (ctx, { conversationId, messageId }) => {
    const conversation = await ctx.db.get(conversationId);
    const message = await ctx.db.get(messageId);
    if (conversation === null || message === null || conversation.contactEmail === undefined) return null;
    if ((conversation.visitorReadAt ?? 0) >= message._creationTime) return null;
    if ((conversation.visitorEmailedAt ?? 0) >= message._creationTime) return null;
    const site = await ctx.db.get(conversation.siteId);
    await ctx.db.patch(conversationId, { visitorEmailedAt: Date.now() });
    const siteName = site?.name ?? "the website";
    const who = message.authorName ?? "A person from the team";
    await ctx.scheduler.runAfter(0, internal.handoffEmails.send, {
      to: [conversation.contactEmail],
      subject: `${who} replied to you on ${siteName}`,
      text: `${who} replied in your chat on ${siteName}:\n\n${message.content.slice(0, EXCERPT_LENGTH)}\n\nGo back to ${siteName} to continue the conversation.`,
    });
    return null;
  },
});

/** Sends one email (lib/emailClient.ts: Resend when RESEND_API_KEY is set, else logged). */
export const send = internalAction({
  args: { to: v.array(v.string()), subject: v.string(), text: v.string() },
  returns: v.null(),
  handler: async (_ctx, email) => {
    await sendEmail(email);
    return null;
  },
});
