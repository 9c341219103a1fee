/**
 * Comments under an entry (shared/notebook/comments.ts): a member who may not write in
 * an entry answers under it, in their own name; nobody edits someone else's comment.
 */
import { describe, expect, it } from 'vitest';
import type { CircleIndex } from '../../../../shared/notebook/circleIndex';
import { robinAndKai } from '../../../helpers/robinAndKai';
import { commentKey, MAX_COMMENT_CHARS } from '../../../../shared/notebook/comments';
import {
  newId,
  type EntryId,
  type MeetingId,
  type MemberId,
} from '../../../../shared/notebook/ids';
import { INDEX_ROOT } from '../../../../shared/notebook/schema';
import { capturedLogs } from '../../../helpers/capturedLogs';

const founderId = newId<MemberId>();
const memberId = newId<MemberId>();

// Robin founded the circle and wrote an entry; Kai joined.
function circle(): { robin: CircleIndex; kai: CircleIndex; entryId: EntryId } {
  const { robin, kai } = robinAndKai({
    founderId,
    memberId,
    agreements: 'We listen without fixing.',
  });
  const entryId = robin.addEntry({
    meetingId: newId<MeetingId>(),
    authorId: founderId,
    visibility: 'circle',
  });
  return { robin, kai, entryId };
}

const log = capturedLogs();

describe('comments under an entry', () => {
  it('shows a member’s comment on every laptop, in their name, oldest first', () => {
    const { robin, kai, entryId } = circle();
    kai.comment(entryId, '  That took courage. Thank you.  ', 200);
    robin.comment(entryId, 'Thank you for listening.', 300);
    for (const index of [robin, kai]) {
      const comments = index.read().comments.get(entryId) ?? [];
      expect(comments.map(({ writerId, text, at }) => ({ writerId, text, at }))).toEqual([
        { writerId: memberId, text: 'That took courage. Thank you.', at: 200 },
        { writerId: founderId, text: 'Thank you for listening.', at: 300 },
      ]);
    }
  });

  it('lets its writer take a comment back, and nobody change someone else’s', () => {
    const { robin, kai, entryId } = circle();
    const kaiSaid = kai.comment(entryId, 'Sending you strength.', 200);
    // Robin's laptop rewrites Kai's comment: it no longer counts anywhere.
    robin.ydoc.getMap(INDEX_ROOT.comments).set(commentKey(entryId, kaiSaid), {
      text: 'Words Kai never wrote.',
      at: 200,
    });
    for (const index of [robin, kai]) expect(index.read().comments.get(entryId)).toBeUndefined();
    expect(log.some((line) => JSON.stringify(line).includes('other than its writer'))).toBe(true);
    expect(JSON.stringify(log)).not.toContain('never wrote');

    const again = kai.comment(entryId, 'Sending you strength, again.', 300);
    expect(
      robin
        .read()
        .comments.get(entryId)
        ?.map((c) => c.text),
    ).toEqual(['Sending you strength, again.']);
    kai.removeComment(entryId, again);
    expect(robin.read().comments.get(entryId)).toBeUndefined();
  });

  it('keeps no empty, overlong or malformed comment', () => {
    const { robin, kai, entryId } = circle();
    expect(() => kai.comment(entryId, '   ', 1)).toThrow(/some words/);
    expect(() => kai.comment(entryId, 'x'.repeat(MAX_COMMENT_CHARS + 1), 1)).toThrow(/at most/);
    const yComments = kai.ydoc.getMap(INDEX_ROOT.comments);
    yComments.set(commentKey(entryId, newId<EntryId>()), { text: 42, at: 1 });
    yComments.set(commentKey(entryId, newId<EntryId>()), {
      text: 'y'.repeat(MAX_COMMENT_CHARS + 1),
      at: 1,
    });
    yComments.set(`${entryId}:not-an-id:extra`, { text: 'odd key', at: 1 });
    expect(robin.read().comments.get(entryId)).toBeUndefined();
  });
});
