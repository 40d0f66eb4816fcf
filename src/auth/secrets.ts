/**
 * The cursor signing secret: `CURSOR_SECRET` when set, else one generated on first start and kept
 * in the database, so every replica and every restart signs alike.
 */
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { serverSecrets } from '../db/schema.js';

const CURSOR_SECRET = 'cursor';

export async function cursorSecret(database: Database, configured: string | undefined): Promise<Buffer> {
  if (configured) return Buffer.from(configured, 'utf8');
  const db = database.db;
  // Two processes starting at once both try; the first insert wins and both read it back.
  await db
    .insert(serverSecrets)
    .values({ name: CURSOR_SECRET, value: randomBytes(32).toString('base64url') })
    .onConflictDoNothing();
  const [row] = await db.select({ value: serverSecrets.value }).from(serverSecrets).where(eq(serverSecrets.name, CURSOR_SECRET));
  if (!row) throw new Error('the cursor secret could not be stored');
  return Buffer.from(row.value, 'base64url');
}
