// A loopback server speaking Resend's send-email HTTP API (POST /emails with a Bearer key and a
// JSON body; 200 with `{ id }`, or 4xx with `{ statusCode, message, name }`), to test the real
// email client (lib/emailClient.ts) without the network.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export type ReceivedEmail = { from: string; to: string[]; subject: string; text: string; authorization?: string };

export type ResendServer = {
  /** Use as RESEND_BASE_URL. */
  baseUrl: string;
  emails: ReceivedEmail[];
  close(): Promise<void>;
};

/** Starts the server; it accepts the key `apiKey` only (401 otherwise, as Resend does). */
export async function startResendServer(apiKey: string): Promise<ResendServer> {
  const emails: ReceivedEmail[] = [];
  const server = createServer(async (req, res) => {
    let raw = "";
    for await (const chunk of req) raw += chunk;
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { "Content-Type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (req.method !== "POST" || req.url !== "/emails") return reply(404, { statusCode: 404, name: "not_found", message: "Not found" });
    if (req.headers.authorization !== `Bearer ${apiKey}`) {
      return reply(401, { statusCode: 401, name: "validation_error", message: "API key is invalid" });
    }
    const body = JSON.parse(raw || "{}");
    const to = typeof body.to === "string" ? [body.to] : body.to;
    if (!body.from || !Array.isArray(to) || to.length === 0 || !body.subject || !(body.text || body.html)) {
      return reply(422, { statusCode: 422, name: "missing_required_field", message: "Missing `from`, `to`, `subject` or content." });
    }
    emails.push({ from: body.from, to, subject: body.subject, text: body.text, authorization: req.headers.authorization });
    reply(200, { id: `email-${emails.length}` });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    emails,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
