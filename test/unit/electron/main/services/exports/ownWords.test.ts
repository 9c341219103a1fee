import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  openHearthServices,
  type HearthServices,
} from '../../../../../../electron/main/services/hearthServices';
import { FileKeyVault } from '../../../../../../electron/main/services/keys/fileKeyVault';
import { DEFAULT_EXPORT_OPTIONS } from '../../../../../../shared/export/exportOptions';
import { markdownEntryUpdate } from '../../../../../../shared/export/markdownImport';
import { CircleIndex } from '../../../../../../shared/notebook/circleIndex';
import {
  INDEX_DOC_ID,
  entryDocId,
  newId,
  type EntryId,
  type MemberId,
} from '../../../../../../shared/notebook/ids';
import { JournalIndex } from '../../../../../../shared/notebook/journal';

const dirs: string[] = [];
const backends: HearthServices[] = [];
afterEach(async () => {
  for (const backend of backends.splice(0)) await backend.close().catch(() => undefined);
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

describe('exporting only my own words', () => {
  it('takes my named entries, my anonymous ones (known only to my journal), my journal and my reactions view — nobody else’s words', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'hearth-own-words-'));
    dirs.push(dataDir);
    const backend = await openHearthServices({
      dataDir,
      keyVault: FileKeyVault.inDataDir(dataDir),
      appInfo: { mode: 'browser', version: 'test' },
      emit: () => undefined,
    });
    backends.push(backend);
    const { handlers } = backend;
    const circle = await handlers['hearth:circles:create']({
      name: 'Own words',
      memberName: 'Ana',
      colour: 'lake',
    });
    const { profile } = await handlers['hearth:circles:open'](circle.id);
    const indexDoc = new Y.Doc();
    Y.applyUpdate(indexDoc, (await handlers['hearth:docs:load'](circle.id, INDEX_DOC_ID))!);
    const index = new CircleIndex(indexDoc);
    index.registerClient(profile.memberId);
    const meetingId = index.addMeeting({
      title: 'Tuesday',
      date: '2026-03-03',
      prompts: [],
      createdBy: null,
    });
    const mine = index.addEntry({ meetingId, authorId: profile.memberId, visibility: 'circle' });
    const theirs = index.addEntry({ meetingId, authorId: newId<MemberId>(), visibility: 'circle' });
    const anonymous = newId<EntryId>();
    const anonymousClient = index.addAnonymousEntry(meetingId, anonymous);
    index.react(mine, 'thank-you', profile.memberId, true);
    for (const [entryId, words] of [
      [mine, 'my named words'],
      [theirs, 'somebody else wrote this'],
      [anonymous, 'my anonymous words'],
    ] as const) {
      await handlers['hearth:docs:append'](
        circle.id,
        entryDocId(entryId),
        markdownEntryUpdate(words),
      );
    }
    await handlers['hearth:docs:append'](circle.id, INDEX_DOC_ID, Y.encodeStateAsUpdate(indexDoc));

    const { journalId } = await handlers['hearth:journal:open']();
    const journalDoc = new Y.Doc();
    const journal = new JournalIndex(journalDoc);
    const draft = journal.addDraft(null);
    journal.addDraft({ circleId: circle.id, meetingId });
    const shared = journal.addDraft({ circleId: circle.id, meetingId });
    journal.update(shared, {
      sharedAs: { circleId: circle.id, entryId: anonymous, anonymousClient },
    });
    await handlers['hearth:docs:append'](
      journalId,
      entryDocId(draft),
      markdownEntryUpdate('a page of my journal'),
    );
    await handlers['hearth:docs:append'](
      journalId,
      INDEX_DOC_ID,
      Y.encodeStateAsUpdate(journalDoc),
    );

    const outcome = await handlers['hearth:export:save']('job-own-1', {
      circleId: circle.id,
      format: 'markdown',
      options: { ...DEFAULT_EXPORT_OPTIONS, onlyMine: true, reactions: true },
    });
    const text = outcome.kind === 'download' ? new TextDecoder().decode(outcome.bytes) : '';
    expect(text).toContain('my named words');
    expect(text).toContain('my anonymous words');
    expect(text).toContain('a page of my journal');
    expect(text).not.toContain('somebody else wrote this');
    expect(text).toContain('Thank you for sharing');
    expect(await handlers['hearth:circles:list']()).toHaveLength(1);
  });
});
