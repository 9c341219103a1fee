/**
 * Exports carry co-writers' consent (shared/notebook/WRITING.md): a co-written entry is
 * bylined with everyone who wrote in it, and one that any of its writers keeps out of
 * exports is in no export at all — searched for byte by byte in every format.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { buildExport } from '../../../../shared/export/buildExport';
import { EXPORT_FORMATS, type ExportOptions } from '../../../../shared/export/exportOptions';
import type { CircleSource } from '../../../../shared/export/readCircle';
import { fileBytes } from '../../../../electron/main/services/exports/saveShell';
import { CircleIndex } from '../../../../shared/notebook/circleIndex';
import { newId, type CircleId, type EntryId, type MemberId } from '../../../../shared/notebook/ids';
import { LOCAL_ORIGIN } from '../../../../shared/notebook/origins';
import { appendParagraph } from '../../../helpers/circleLaptops';
import { openPdfPrinter, pdfText, type PdfPrinterHandle } from '../../../helpers/pdfPrinting';

const KEPT_OUT = ['Ben’s line about the night shift', 'Ana’s words beside his'];
const SHARED = ['Ana opens the evening', 'Ben answers her', 'Cat closes it gently'];

/** One index laptop per member, merged: each writes under its own registered client. */
function coWrittenCircle(): CircleSource {
  const ana = newId<MemberId>();
  const ben = newId<MemberId>();
  const cat = newId<MemberId>();
  const docs = [new Y.Doc(), new Y.Doc(), new Y.Doc()];
  const merge = (): void => {
    for (const from of docs)
      for (const to of docs) if (from !== to) Y.applyUpdate(to, Y.encodeStateAsUpdate(from));
  };
  const anaIndex = CircleIndex.found(docs[0]!, {
    circleId: newId<CircleId>(),
    name: 'Lantern circle',
    founder: { id: ana, name: 'Ana', colour: 'lake', joinedAt: 1 },
    createdAt: 1,
  });
  const others = [
    { id: ben, name: 'Ben', doc: docs[1]! },
    { id: cat, name: 'Cat', doc: docs[2]! },
  ].map(({ id, name, doc }) => {
    const index = new CircleIndex(doc);
    index.registerClient(id);
    index.upsertMember({
      id,
      name,
      colour: 'sage',
      joinedAt: 2,
      agreedAt: null,
      agreedVersion: null,
    });
    return index;
  });
  const [benIndex, catIndex] = others as [CircleIndex, CircleIndex];
  merge();
  const meetingId = anaIndex.addMeeting(
    { title: 'Evening', date: '2026-12-01', prompts: [], createdBy: ana },
    5,
  );
  const states = new Map<EntryId, Uint8Array>();
  const write = (texts: readonly string[], writers: [CircleIndex, MemberId][]): EntryId => {
    const body = new Y.Doc();
    const entryId = anaIndex.addEntry(
      { meetingId, authorId: ana, visibility: 'circle', bodyClient: body.clientID },
      10,
    );
    appendParagraph(body, texts[0]!);
    anaIndex.setCoWriter(entryId, 'everyone', true);
    merge();
    writers.forEach(([index, member], i) => {
      const pen = new Y.Doc();
      Y.applyUpdate(pen, Y.encodeStateAsUpdate(body));
      index.registerBodyWriter(entryId, pen.clientID, member);
      const before = Y.encodeStateVector(pen);
      appendParagraph(pen, texts[i + 1]!);
      Y.applyUpdate(body, Y.encodeStateAsUpdate(pen, before), LOCAL_ORIGIN);
    });
    merge();
    states.set(entryId, Y.encodeStateAsUpdate(body));
    return entryId;
  };
  write(SHARED, [
    [benIndex, ben],
    [catIndex, cat],
  ]);
  const keptOut = write(KEPT_OUT.toReversed(), [[benIndex, ben]]);
  // Ben, a writer but not the author, keeps it out.
  benIndex.keepOutOfExports(keptOut, ben, true);
  // Cat never wrote in it: her choice does not count, and cannot let it out either.
  catIndex.keepOutOfExports(keptOut, cat, false);
  merge();
  return {
    indexState: Y.encodeStateAsUpdate(docs[0]!),
    entryState: (id) => Promise.resolve(states.get(id) ?? null),
    memberId: ana,
  };
}

const decoder = new TextDecoder();

let printer: PdfPrinterHandle | null = null;
beforeAll(async () => {
  printer = await openPdfPrinter();
}, 60_000);
afterAll(async () => {
  await printer?.close();
});

describe('co-written entries in exports', () => {
  const source = coWrittenCircle();
  const options: ExportOptions = {
    meetings: { kind: 'all' },
    authors: 'shown',
    reactions: true,
    prompts: true,
    onlyMine: false,
  };

  it(
    'name every writer, and leave out in every format an entry any writer kept out',
    {
      timeout: 120_000,
    },
    async () => {
      for (const format of EXPORT_FORMATS) {
        for (const authors of ['shown', 'anonymised'] as const) {
          const built = await buildExport(source, format, { ...options, authors });
          // The PDF is the booklet printed: its text is read back from the printed file.
          const text =
            built.kind === 'files'
              ? built.files.map((file) => decoder.decode(fileBytes(file))).join('\n')
              : format === 'pdf' && printer !== null
                ? await pdfText(await printer.print(built.html))
                : built.html;
          for (const phrase of KEPT_OUT) expect(text, `${format} ${authors}`).not.toContain(phrase);
          for (const phrase of SHARED) expect(text, `${format} ${authors}`).toContain(phrase);
          if (authors === 'shown') expect(text).toContain('Ana with Ben and Cat');
          else expect(text).not.toContain('with Ben');
        }
      }
    },
  );
});
