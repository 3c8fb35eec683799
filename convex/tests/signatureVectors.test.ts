import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { expect, test } from "vitest";
import { signIdentity, verifyIdentity } from "../lib/hostIdentity";
import { signOperator, verifyOperator } from "../lib/operatorIdentity";

// The WordPress plugin's PHP signer is tested against the same file (integrations/wordpress/tests/php).
const vectors = JSON.parse(readFileSync(resolve(import.meta.dirname, "../../integrations/wordpress/tests/signature-vectors.json"), "utf8"));
const { secret, siteKey, visitor, operator } = vectors;

test("the shared visitor vector verifies, and signs to the same hex", async () => {
  await expect(verifyIdentity({ siteKey, ...visitor }, secret, visitor.expiresAt - 60_000)).resolves.toBeUndefined();
  expect(await signIdentity(secret, { siteKey, customerId: visitor.customerId, expiresAt: visitor.expiresAt })).toBe(visitor.signature);
});

test("the shared operator vector verifies, and signs to the same hex", async () => {
  await expect(verifyOperator({ siteKey, ...operator }, secret, operator.expiresAt - 60_000)).resolves.toBeUndefined();
  expect(
    await signOperator(secret, { siteKey, operatorId: operator.operatorId, email: operator.email, expiresAt: operator.expiresAt }),
  ).toBe(operator.signature);
});

test("neither vector passes for the other kind", async () => {
  const now = visitor.expiresAt - 60_000;
  await expect(
    verifyOperator(
      { siteKey, operatorId: visitor.customerId, email: operator.email, expiresAt: visitor.expiresAt, signature: visitor.signature },
      secret,
      now,
    ),
  ).rejects.toMatchObject({ data: { code: "IDENTITY_INVALID" } });
  await expect(
    verifyIdentity({ siteKey, customerId: operator.operatorId, expiresAt: operator.expiresAt, signature: operator.signature }, secret, now),
  ).rejects.toMatchObject({ data: { code: "IDENTITY_INVALID" } });
});
