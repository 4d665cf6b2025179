import { createHash, randomBytes } from 'node:crypto';
import { PERMISSIONS } from '@score-import/contracts';
import { nextSequence, isDuplicateKeyError, type Database } from './index.ts';


export class AccountError extends Error {
  override name = 'AccountError';
}

/** Tokens are stored as SHA-256 hashes: a leaked database does not leak usable tokens. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Tachi's public UserDocument (spec §2.1); secrets never live in it. */
export function newUserDocument(id: number, username: string, authLevel: number, now = Date.now()) {
  return {
    username,
    usernameLowercase: username.toLowerCase(),
    id,
    socialMedia: { discord: null, twitter: null, github: null, steam: null, youtube: null, twitch: null },
    joinDate: now,
    lastSeen: now,
    about: '',
    status: null,
    customPfpLocation: null,
    customBannerLocation: null,
    badges: [],
    authLevel,
  };
}

export async function createUser(db: Database, username: string, admin = false): Promise<{ userID: number; username: string }> {
  if (!/^[A-Za-z0-9_-]{2,20}$/.test(username)) {
    throw new AccountError(`Invalid username '${username}': use 2-20 letters, digits, '_' or '-'.`);
  }
  if (/^\d+$/.test(username) || username.toLowerCase() === 'me') {
    throw new AccountError(`Invalid username '${username}': it would be mistaken for a user ID.`);
  }
  if (await db.users.findOne({ usernameLowercase: username.toLowerCase() })) {
    throw new AccountError(`A user named '${username}' already exists.`);
  }
  // FerretDB's findOneAndUpdate/$inc is not atomic: two creations at once can draw the same ID.
  // The unique index on `id` catches it; draw again unless it was the username that collided.
  for (let attempt = 1; ; attempt++) {
    const id = await nextUserID(db);
    try {
      await db.models.users.create(newUserDocument(id, username, admin ? 3 : 1));
      return { userID: id, username };
    } catch (err) {
      if (!isDuplicateKeyError(err)) throw err;
      if (await db.users.findOne({ usernameLowercase: username.toLowerCase() })) {
        throw new AccountError(`A user named '${username}' already exists.`);
      }
      if (attempt >= 20) throw err;
    }
  }
}

/**
 * The counter's upsert can lose a race on a fresh database (two creations at once both insert the
 * counter document, one gets E11000, FerretDB does not retry it itself); the counter then exists,
 * so trying again is enough.
 */
async function nextUserID(db: Database): Promise<number> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await nextSequence(db, 'users');
    } catch (err) {
      if (!isDuplicateKeyError(err) || attempt >= 5) throw err;
    }
  }
}

export async function createToken(
  db: Database,
  username: string,
  permissions: readonly string[],
): Promise<{ token: string; permissions: string[]; userID: number }> {
  const unknown = permissions.filter((p) => !(PERMISSIONS as readonly string[]).includes(p));
  if (unknown.length > 0) {
    throw new AccountError(`Unknown permission(s): ${unknown.join(', ')}. Expected any of ${PERMISSIONS.join(', ')}.`);
  }
  const user = await db.users.findOne({ usernameLowercase: username.toLowerCase() });
  if (!user) throw new AccountError(`The user '${username}' does not exist.`);
  const token = randomBytes(20).toString('hex');
  await db.models.apiTokens.create({
    tokenHash: hashToken(token),
    userID: user.id,
    identifier: `CLI token for ${user.username}`,
    permissions: Object.fromEntries(permissions.map((p) => [p, true])),
    fromAPIClient: null,
  });
  return { token, permissions: [...permissions], userID: user.id as number };
}
