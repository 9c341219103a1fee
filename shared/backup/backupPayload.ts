/**
 * The plaintext inside a backup file (layout in ./backupFile.ts): a JSON manifest, then
 * each document's state. Everything read back is checked: a backup may have been made
 * by another Hearth, or edited by someone who knows the passphrase.
 */
import * as v from '../validate';
import { isDocId, type CircleId, type DocId, type MemberId } from '../notebook/ids';
import { LIMITS, MEMBER_COLOURS, type MemberColour } from '../notebook/schema';
import { signallingAddressCheck } from '../sync/meetingPoints';
import { BackupRefused } from './backupFile';

const PAYLOAD_VERSION = 1;
// A bound on what one backup may claim to hold, so a forged manifest cannot ask for more.
const MAX_DOCS = 200_000;
const MAX_MANIFEST_BYTES = 64 * 1024 * 1024;

/** Everything about a circle that its backup carries. */
export interface CircleBackup {
  createdAt: number;
  circle: {
    circleId: CircleId;
    name: string;
    memberId: MemberId;
    memberName: string;
    colour: MemberColour;
    /** The circle key, base64url: the backup is as secret as the circle. */
    circleKey: string;
    createdAt: number;
    inviteEndpoints: string[];
  };
  /** Every document's state, by id. */
  docs: Map<DocId, Uint8Array>;
}

const id = v.string({ min: 22, max: 22, pattern: /^[A-Za-z0-9_-]{22}$/ });
const time = v.number({ min: 0, max: 8.64e15, integer: true });
const manifestCheck = v.object(
  {
    version: v.oneOf([PAYLOAD_VERSION] as const),
    createdAt: time,
    circle: v.object(
      {
        circleId: v.branded<CircleId>(id),
        name: v.string({ min: 1, max: LIMITS.circleName }),
        memberId: v.branded<MemberId>(id),
        memberName: v.string({ min: 1, max: LIMITS.memberName }),
        colour: v.oneOf(MEMBER_COLOURS),
        circleKey: v.string({ min: 43, max: 43, pattern: /^[A-Za-z0-9_-]{43}$/ }),
        createdAt: time,
        inviteEndpoints: v.array(signallingAddressCheck, { max: 8 }),
      },
      { extra: 'ignore' },
    ),
    docs: v.array(
      v.object({
        id: v.string({ min: 5, max: 22 }),
        bytes: v.number({ min: 0, max: 2 ** 40, integer: true }),
      }),
      { max: MAX_DOCS },
    ),
  },
  { extra: 'ignore' },
);

/** The payload bytes of `backup`. */
export function encodeBackupPayload(backup: CircleBackup): Uint8Array {
  const docs = [...backup.docs].map(([docId, state]) => ({ id: docId, bytes: state.length }));
  const manifest = new TextEncoder().encode(
    JSON.stringify({
      version: PAYLOAD_VERSION,
      createdAt: backup.createdAt,
      circle: backup.circle,
      docs,
    }),
  );
  const total = 4 + manifest.length + docs.reduce((sum, d) => sum + d.bytes, 0);
  const out = new Uint8Array(total);
  new DataView(out.buffer).setUint32(0, manifest.length);
  out.set(manifest, 4);
  let offset = 4 + manifest.length;
  for (const state of backup.docs.values()) {
    out.set(state, offset);
    offset += state.length;
  }
  return out;
}

/** Reads payload bytes; throws {@link BackupRefused} (`damaged`) for anything malformed. */
export function decodeBackupPayload(payload: Uint8Array): CircleBackup {
  const damaged = (why: string): BackupRefused =>
    new BackupRefused(
      'damaged',
      `This backup opened, but its contents are not in the expected form (${why}).`,
    );
  if (payload.length < 4) throw damaged('too short');
  const view = new DataView(payload.buffer, payload.byteOffset, payload.byteLength);
  const manifestBytes = view.getUint32(0);
  if (manifestBytes > MAX_MANIFEST_BYTES || 4 + manifestBytes > payload.length)
    throw damaged('manifest size');
  let parsed: unknown;
  try {
    parsed = JSON.parse(
      new TextDecoder('utf-8', { fatal: true }).decode(payload.subarray(4, 4 + manifestBytes)),
    );
  } catch {
    throw damaged('manifest is not JSON');
  }
  const checked = manifestCheck(parsed, 'manifest');
  if (!checked.ok) throw damaged(checked.reason);
  const manifest = checked.value;
  const docs = new Map<DocId, Uint8Array>();
  let offset = 4 + manifestBytes;
  for (const doc of manifest.docs) {
    if (!isDocId(doc.id) || docs.has(doc.id)) throw damaged('a document id');
    if (offset + doc.bytes > payload.length) throw damaged('a document runs past the end');
    docs.set(doc.id, payload.slice(offset, offset + doc.bytes));
    offset += doc.bytes;
  }
  if (offset !== payload.length) throw damaged('bytes after the last document');
  return { createdAt: manifest.createdAt, circle: manifest.circle, docs };
}
