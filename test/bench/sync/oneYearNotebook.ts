/**
 * A one-year circle on disk, for the join benchmark: 52 weekly meetings × 12 entries ×
 * about 400 words, each entry typed in small edits (a few words per Lexical update, a
 * paragraph every 80 words) through a headless editor bound to the entry's Yjs document,
 * and written to a data folder with the real backend (store, encryption, key vault),
 * as main does. The store compacts each document when it closes, so what a laptop
 * loads is the typed history's compacted state.
 *
 * This is the sync bench's own minimal generator, used because the foundation bench's
 * (test/bench/oneYearCircle.ts) was not there when it was written. It takes a few
 * seconds, so each run writes a fresh one.
 */
import {
  $createParagraphNode,
  $createTextNode,
  $getRoot,
  $isElementNode,
  $isTextNode,
} from 'lexical';
import * as Y from 'yjs';
import { createBackend } from '../../../electron/main/services/backend';
import { FileKeyVault } from '../../../electron/main/services/keys/fileKeyVault';
import { CircleIndex } from '../../../shared/notebook/circleIndex';
import { bindHeadlessEntry } from '../../../shared/notebook/headlessEntry';
import { INDEX_DOC_ID, entryDocId, type CircleId } from '../../../shared/notebook/ids';

/** The one-year circle's shape. */
export const ONE_YEAR = { meetings: 52, entriesPerMeeting: 12, wordsPerEntry: 400 } as const;

const WORDS_PER_EDIT = 5;
const WORDS_PER_PARAGRAPH = 80;
const WORDS =
  'we sat together and spoke of the week some of it was heavy and some of it was light the room was warm and the tea was strong nobody rushed anybody i noticed my breath slow down'.split(
    ' ',
  );

/** What a made one-year circle holds. */
export interface OneYearCircle {
  circleId: CircleId;
  meetings: number;
  entries: number;
  /** Characters of entry text in all. */
  characters: number;
  /** The last meeting's title, which the meeting list shows. */
  lastMeetingTitle: string;
}

/** Writes the one-year circle into the empty folder `dataDir`. */
export async function writeOneYearCircle(dataDir: string): Promise<OneYearCircle> {
  const backend = await createBackend({
    dataDir,
    keyVault: FileKeyVault.inDataDir(dataDir),
    appInfo: { mode: 'browser', version: 'bench' },
    emit: () => undefined,
  });
  const { handlers } = backend;
  try {
    const summary = await handlers['hearth:circles:create']({
      name: 'A year of Thursdays',
      memberName: 'Yara',
      colour: 'lake',
    });
    const opened = await handlers['hearth:circles:open'](summary.id);
    const indexDoc = new Y.Doc();
    Y.applyUpdate(indexDoc, (await handlers['hearth:docs:load'](summary.id, INDEX_DOC_ID))!);
    const index = new CircleIndex(indexDoc);
    const appends: Promise<void>[] = [];
    let characters = 0;
    let lastMeetingTitle = '';
    const weekMs = 7 * 24 * 3600 * 1000;
    const firstThursday = Date.UTC(2025, 0, 2);
    for (let m = 0; m < ONE_YEAR.meetings; m++) {
      lastMeetingTitle = `Thursday ${m + 1}`;
      const meetingId = index.addMeeting({
        title: lastMeetingTitle,
        date: new Date(firstThursday + m * weekMs).toISOString().slice(0, 10),
        prompts: [{ kind: 'check-in', text: 'How are you arriving today?' }],
        createdBy: opened.profile.memberId,
      });
      for (let e = 0; e < ONE_YEAR.entriesPerMeeting; e++) {
        const entryId = index.addEntry({
          meetingId,
          authorId: opened.profile.memberId,
          visibility: 'circle',
        });
        const typed = typeEntry(m * ONE_YEAR.entriesPerMeeting + e);
        characters += typed.characters;
        // Not awaited one by one: each append waits out the store's group-commit window.
        appends.push(
          handlers['hearth:docs:append'](
            summary.id,
            entryDocId(entryId),
            Y.encodeStateAsUpdate(typed.ydoc),
          ),
        );
      }
    }
    appends.push(
      handlers['hearth:docs:append'](summary.id, INDEX_DOC_ID, Y.encodeStateAsUpdate(indexDoc)),
    );
    await Promise.all(appends);
    await handlers['hearth:settings:update']({ lastCircleId: summary.id });
    return {
      circleId: summary.id,
      meetings: ONE_YEAR.meetings,
      entries: ONE_YEAR.meetings * ONE_YEAR.entriesPerMeeting,
      characters,
      lastMeetingTitle,
    };
  } finally {
    await backend.close();
  }
}

/** Characters of entry text in the one-year circle (what the floor's one document holds). */
export function oneYearCharacters(): number {
  let characters = 0;
  const entries = ONE_YEAR.meetings * ONE_YEAR.entriesPerMeeting;
  for (let seed = 0; seed < entries; seed++) {
    for (const edit of entryEdits(seed)) characters += edit.text.length;
  }
  return characters;
}

// The edits that type entry `seed`: a few words each, a new paragraph every 80 words.
function entryEdits(seed: number): { text: string; startsParagraph: boolean }[] {
  const edits: { text: string; startsParagraph: boolean }[] = [];
  for (let word = 0; word < ONE_YEAR.wordsPerEntry; word += WORDS_PER_EDIT) {
    const words: string[] = [];
    for (let i = word; i < word + WORDS_PER_EDIT; i++) {
      words.push(WORDS[(seed * 7 + i * 13) % WORDS.length]!);
    }
    const startsParagraph = word % WORDS_PER_PARAGRAPH === 0;
    edits.push({ text: `${startsParagraph ? '' : ' '}${words.join(' ')}`, startsParagraph });
  }
  return edits;
}

// One entry, typed edit by edit as a member would, each edit one Lexical update.
function typeEntry(seed: number): { ydoc: Y.Doc; characters: number } {
  const ydoc = new Y.Doc();
  const headless = bindHeadlessEntry(ydoc);
  let characters = 0;
  try {
    for (const { text, startsParagraph } of entryEdits(seed)) {
      characters += text.length;
      headless.editor.update(
        () => {
          const root = $getRoot();
          const last = root.getLastChild();
          const textNode = !startsParagraph && $isElementNode(last) ? last.getLastChild() : null;
          if ($isTextNode(textNode)) {
            textNode.setTextContent(textNode.getTextContent() + text);
          } else {
            root.append($createParagraphNode().append($createTextNode(text)));
          }
        },
        { discrete: true },
      );
    }
  } finally {
    headless.dispose();
  }
  return { ydoc, characters };
}
