/**
 * Notebooks on disk for end-to-end tests, made and read with the real store and
 * backend (as main does), so a test can start a laptop with a big notebook already
 * written, and afterwards check exactly what another laptop stored.
 */
import { $createParagraphNode, $createTextNode, $getRoot } from 'lexical';
import * as Y from 'yjs';
import { openHearthServices } from '../../electron/main/services/hearthServices';
import { FileKeyVault } from '../../electron/main/services/keys/fileKeyVault';
import { CircleIndex } from '../../shared/notebook/circleIndex';
import { bindHeadlessEntry, entryPlainText } from '../../shared/notebook/headlessEntry';
import { INDEX_DOC_ID, entryDocId, type CircleId } from '../../shared/notebook/ids';

const WORDS =
  'we sat together and spoke of the week some of it was heavy and some of it was light the room was warm and the tea was strong nobody rushed anybody'.split(
    ' ',
  );

function paragraph(seed: number, length: number): string {
  let text = '';
  for (let i = 0; text.length < length; i++)
    text += `${WORDS[(seed * 7 + i * 13) % WORDS.length]!} `;
  return text.trim();
}

/** What a made notebook holds, to compare against later. */
export interface MadeNotebook {
  circleId: CircleId;
  /** Characters of entry text in all. */
  characters: number;
  /** A phrase written only in the first entry, and one only in the last. */
  firstPhrase: string;
  lastPhrase: string;
}

async function backendAt(dataDir: string) {
  return openHearthServices({
    dataDir,
    keyVault: FileKeyVault.inDataDir(dataDir),
    appInfo: { mode: 'browser', version: 'test' },
    emit: () => undefined,
  });
}

/** Writes a circle with `meetings` × `entriesPerMeeting` entries of about `entryChars` each. */
export async function makeNotebook(
  dataDir: string,
  shape: { meetings: number; entriesPerMeeting: number; entryChars: number; memberName: string },
): Promise<MadeNotebook> {
  const backend = await backendAt(dataDir);
  const { handlers } = backend;
  const summary = await handlers['hearth:circles:create']({
    name: 'A year of Thursdays',
    memberName: shape.memberName,
    colour: 'lake',
  });
  const opened = await handlers['hearth:circles:open'](summary.id);
  const indexDoc = new Y.Doc();
  Y.applyUpdate(indexDoc, (await handlers['hearth:docs:load'](summary.id, INDEX_DOC_ID))!);
  const index = new CircleIndex(indexDoc);
  // A notebook in use: its founder has affirmed the circle's agreements.
  const agreements = index.read().governance.agreements;
  if (agreements !== null) index.affirmAgreements(opened.profile.memberId, agreements.version);
  const total = shape.meetings * shape.entriesPerMeeting;
  const firstPhrase = 'the first entry remembers the lantern by the door';
  const lastPhrase = 'the last entry ends with a quiet thank you to everyone';
  let characters = 0;
  let made = 0;
  for (let m = 0; m < shape.meetings; m++) {
    const day = String((m % 28) + 1).padStart(2, '0');
    const month = String(Math.floor(m / 28) + 1).padStart(2, '0');
    const meetingId = index.addMeeting({
      title: `Thursday ${m + 1}`,
      date: `2026-${month}-${day}`,
      prompts: [{ kind: 'check-in', text: 'How are you arriving today?' }],
      createdBy: opened.profile.memberId,
    });
    for (let e = 0; e < shape.entriesPerMeeting; e++, made++) {
      const entryId = index.addEntry({
        meetingId,
        authorId: opened.profile.memberId,
        visibility: 'circle',
      });
      const ydoc = new Y.Doc();
      const headless = bindHeadlessEntry(ydoc);
      const paragraphs: string[] = [];
      for (let written = 0; written < shape.entryChars;) {
        const text = paragraph(made + written, 600);
        paragraphs.push(text);
        written += text.length;
      }
      if (made === 0) paragraphs.unshift(firstPhrase);
      if (made === total - 1) paragraphs.push(lastPhrase);
      headless.editor.update(
        () => {
          for (const text of paragraphs) {
            $getRoot().append($createParagraphNode().append($createTextNode(text)));
          }
        },
        { discrete: true },
      );
      headless.dispose();
      characters += paragraphs.reduce((sum, text) => sum + text.length, 0);
      await handlers['hearth:docs:append'](
        summary.id,
        entryDocId(entryId),
        Y.encodeStateAsUpdate(ydoc),
      );
    }
  }
  await handlers['hearth:docs:append'](summary.id, INDEX_DOC_ID, Y.encodeStateAsUpdate(indexDoc));
  await handlers['hearth:settings:update']({ lastCircleId: summary.id });
  await backend.close();
  return { circleId: summary.id, characters, firstPhrase, lastPhrase };
}

/** Reads every entry's text of a circle from a (stopped) laptop's data folder. */
export async function storedEntryTexts(dataDir: string, circleId: CircleId): Promise<string[]> {
  const backend = await backendAt(dataDir);
  try {
    const { handlers } = backend;
    const indexState = await handlers['hearth:docs:load'](circleId, INDEX_DOC_ID);
    if (indexState === null) return [];
    const indexDoc = new Y.Doc();
    Y.applyUpdate(indexDoc, indexState);
    const entries = [...new CircleIndex(indexDoc).read().entries.keys()];
    const texts: string[] = [];
    for (const entryId of entries) {
      const state = await handlers['hearth:docs:load'](circleId, entryDocId(entryId));
      texts.push(state === null ? '' : await entryPlainText(state));
    }
    return texts;
  } finally {
    await backend.close();
  }
}

/** The ids of the circles kept in a (stopped) laptop's data folder. */
export async function storedCircleIds(dataDir: string): Promise<CircleId[]> {
  const backend = await backendAt(dataDir);
  try {
    return (await backend.handlers['hearth:circles:list']()).map((circle) => circle.id);
  } finally {
    await backend.close();
  }
}
