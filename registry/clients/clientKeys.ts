import { createHash, randomBytes } from 'node:crypto';

/** A new API key: 32 random bytes, base64url (43 characters). Shown once; the registry keeps only its digest. */
export function generateClientKey(): string {
  return randomBytes(32).toString('base64url');
}

/** A key's SHA-256 as 64 lowercase hex characters: what the registry stores and gateways compare. */
export function clientKeyDigest(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}
