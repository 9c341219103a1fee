/**
 * The live page the entry fuzz target drives (bundled by ./pageBundle.ts): the app's
 * real EntryEditor — Lexical, its collaboration binding, the replica provider and the
 * binding watch — on a live entry document, fed by the app's real PeerSession and
 * update guard, with the dangling-text repair the app's circle session runs. The Node
 * side hands it frames; after each case the page reports whether the editor still shows
 * exactly what the document holds.
 */
import { $getRoot, $isElementNode, $isTextNode, type LexicalEditor } from 'lexical';
import { createRoot } from 'react-dom/client';
import * as Y from 'yjs';
import { EntryEditor } from '../../../renderer/src/features/entry-editor/EntryEditor';
import { setLogSink } from '../../../shared/log';
import { repairDanglingText } from '../../../shared/notebook/danglingText';
import { entryTextAsShown } from '../../../shared/notebook/entryText';
import {
  INDEX_DOC_ID,
  type DocId,
  type EntryId,
  type MemberId,
} from '../../../shared/notebook/ids';
import { LOCAL_ORIGIN, PEER_ORIGIN } from '../../../shared/notebook/origins';
import { INDEX_ROOT } from '../../../shared/notebook/schema';
import { MESSAGE_KIND, encodePeerMessage } from '../../../shared/sync/peerProtocol';
import { PeerSession } from '../../../shared/sync/peerSession';
import type { SyncedDocs } from '../../../shared/sync/syncedDocs';
import type { CaseReport, LivePageApi } from './pageApi';

const ENTRY = 'EEEEEEEEEEEEEEEEEEEEEE' as DocId;
const PEER_MEMBER = 'PPPPPPPPPPPPPPPPPPPPPP' as MemberId;

let live = new Y.Doc();
const index = new Y.Doc();
index.getMap(INDEX_ROOT.entries).set(ENTRY, new Y.Map());
let session: PeerSession | null = null;
let protocolErrors = 0;
let mismatchLogs = 0;
let editorFailures = 0;
let sessions = 0;

setLogSink((record) => {
  if (record.message.includes('another state than its scratch copy')) mismatchLogs++;
  if (record.message === 'the entry editor failed') editorFailures++;
});

const docs: SyncedDocs = {
  docIds: () => [INDEX_DOC_ID, ENTRY],
  holds: (docId) => docId === INDEX_DOC_ID || docId === ENTRY,
  doc: (docId) => Promise.resolve(docId === ENTRY ? live : docId === INDEX_DOC_ID ? index : null),
  isNamed: (docId) => docId === INDEX_DOC_ID || docId === ENTRY,
  onLocalUpdate: () => () => undefined,
  onDocAdded: () => () => undefined,
  applyRemoteAwareness: () => undefined,
  onLocalAwareness: () => () => undefined,
};

function openSession(): PeerSession {
  sessions++;
  const next = new PeerSession({
    docs,
    memberId: 'MMMMMMMMMMMMMMMMMMMMMM' as MemberId,
    peerId: `fuzz-peer-${sessions}`,
    send: () => undefined,
    onProtocolError: () => {
      protocolErrors++;
      session = null;
    },
  });
  next.start();
  next.receive(
    encodePeerMessage({
      kind: MESSAGE_KIND.HELLO,
      memberId: PEER_MEMBER,
      protocolVersion: 1,
      docCount: 0,
    }),
  );
  return next;
}

/** The open session; a refusal dropped the last one (as the mesh drops the peer). */
function currentSession(): PeerSession {
  session ??= openSession();
  return session;
}

function editor(): LexicalEditor | null {
  // Lexical keeps its editor on the root element it manages.
  const element = document.querySelector<HTMLElement & { __lexicalEditor?: LexicalEditor }>(
    '[contenteditable="true"]',
  );
  return element?.__lexicalEditor ?? null;
}

/** Lets the replica take what reached the document, and the editor commit it. */
async function settle(): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await Promise.resolve();
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

function shownByEditor(): string | null {
  return (
    editor()
      ?.getEditorState()
      .read(() => $getRoot().getTextContent()) ?? null
  );
}

function mount(state: Uint8Array): void {
  live = new Y.Doc();
  Y.applyUpdate(live, state);
  repairDanglingText(live, LOCAL_ORIGIN);
  live.on('afterTransaction', (transaction: Y.Transaction) => {
    if (transaction.origin === PEER_ORIGIN || transaction.deleteSet.clients.size > 0) {
      repairDanglingText(live, LOCAL_ORIGIN);
    }
  });
  const host = document.getElementById('root')!;
  createRoot(host).render(
    <EntryEditor
      bodyId={ENTRY as string as EntryId}
      loadBody={() => Promise.resolve(live)}
      label="Entry under fuzz"
      toolbarLabel="Formatting"
      presence={null}
      cursor={{ name: 'Fuzz', colour: 'sage' }}
      tellWhereWriting={false}
      autoFocus={false}
      onFocused={() => undefined}
    />,
  );
}

const api: LivePageApi = {
  async start(state) {
    mount(Uint8Array.from(state));
    for (let i = 0; i < 100 && shownByEditor() !== entryTextAsShown(live); i++) await settle();
    return shownByEditor() === entryTextAsShown(live);
  },
  async runCase(frames, memberTypes) {
    const before = { errors: protocolErrors, mismatch: mismatchLogs, failures: editorFailures };
    const stateBefore = Y.encodeStateVector(live);
    for (const frame of frames) {
      const current = currentSession();
      current.receive(Uint8Array.from(frame));
      await current.idle();
    }
    if (memberTypes !== null) {
      editor()?.update(
        () => {
          const last = $getRoot().getLastDescendant();
          if ($isTextNode(last) || $isElementNode(last)) last.selectEnd().insertText(memberTypes);
        },
        { discrete: true },
      );
    }
    await settle();
    const shown = shownByEditor();
    const held = entryTextAsShown(live);
    const report: CaseReport = {
      refused: protocolErrors > before.errors,
      changed: !sameBytes(stateBefore, Y.encodeStateVector(live)),
      disagree: shown !== held,
      mismatchLogged: mismatchLogs > before.mismatch,
      editorFailed: editorFailures > before.failures,
      lasting: false,
      rebuilt: false,
    };
    if (report.disagree) {
      report.detail = whereTheyDiffer(shown ?? '', held);
    }
    if (report.disagree || report.editorFailed) {
      // The app's binding watch rebuilds such an editor from its document within a
      // moment: give it that moment, then look again. What still differs is what the
      // member would go on seeing.
      for (let i = 0; i < 20 && shownByEditor() !== entryTextAsShown(live); i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        await settle();
      }
      report.lasting = shownByEditor() !== entryTextAsShown(live);
      report.rebuilt = document.querySelector('.entry-editor__notice') !== null;
    }
    return report;
  },
  text: () => entryTextAsShown(live),
};

function whereTheyDiffer(shown: string, held: string): string {
  let at = 0;
  while (at < shown.length && shown[at] === held[at]) at++;
  const around = (text: string): string =>
    JSON.stringify(text.slice(Math.max(0, at - 30), at + 30));
  return `at ${at}: the editor shows ${around(shown)}, the document holds ${around(held)}`;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

(window as unknown as { hearthLivePage: LivePageApi }).hearthLivePage = api;
