// Sends an email through Resend's HTTP API (https://resend.com/docs/api-reference/emails/send-email)
// when RESEND_API_KEY is set; without it the email is only logged, so a deployment without an email
// provider still shows what it would have sent. A plain HTTP client rather than @convex-dev/resend:
// that component needs the workpool component and a fixed API address, and this app runs offline
// against a loopback server speaking the same API (tests/resendServer.helpers.ts).

type Env = Record<string, string | undefined>;

export const DEFAULT_RESEND_BASE_URL = "https://api.resend.com";
/** Resend's own test sender; set EMAIL_FROM to an address of a domain verified with Resend. */
export const DEFAULT_EMAIL_FROM = "convex-chat <onboarding@resend.dev>";
/** Longest an email request may take. */
const EMAIL_TIMEOUT_MS = 15_000;

export type Email = { to: string[]; subject: string; text: string };
export type EmailOutcome = { sent: true; id: string } | { sent: false; logged: true };

/**
 * Sends `email` with Resend (`RESEND_API_KEY`, `RESEND_BASE_URL` to point elsewhere, `EMAIL_FROM`),
 * else logs it. Throws on a refusal or an unreachable API, with the status but never the key.
 */
export async function sendEmail(email: Email, env: Env = process.env): Promise<EmailOutcome> {
  const apiKey = env.RESEND_API_KEY?.trim();
  if (!apiKey) {
    console.log(`Email (not sent: RESEND_API_KEY is not set) to ${email.to.join(", ")}: ${email.subject}\n${email.text}`);
    return { sent: false, logged: true };
  }
  const baseUrl = (env.RESEND_BASE_URL?.trim() || DEFAULT_RESEND_BASE_URL).replace(/\/+$/, "");
  const response = await fetch(`${baseUrl}/emails`, {
    method: "POST",
    headers: { Authorization: `Bearer ${apiKey}`, "Content-Type": "application/json" },
    body: JSON.stringify({ from: env.EMAIL_FROM?.trim() || DEFAULT_EMAIL_FROM, to: email.to, subject: email.subject, text: email.text }),
    signal: AbortSignal.timeout(EMAIL_TIMEOUT_MS),
  });
  const body = await response.text();
  if (!response.ok) throw new Error(`Resend refused the email (HTTP ${response.status}): ${body.slice(0, 300)}`);
  const id = (JSON.parse(body) as { id?: unknown }).id;
  if (typeof id !== "string") throw new Error(`Resend answered without an email id: ${body.slice(0, 300)}`);
  return { sent: true, id };
}
