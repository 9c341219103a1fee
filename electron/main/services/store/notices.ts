/**
 * Notices about the member's files: what the store found damaged, where the untouched
 * copy went, in plain words. The store makes them; {@link noticeBoard} keeps them for
 * the renderer's `hearth:notices:*` requests and pushes each new one to it.
 */
import type { EmitEvent, InvokeHandlers, StoreNotice } from '../../../../shared/ipc/contract';
import { toBase64Url } from '../../../../shared/crypto/base64url';
import { randomBytes } from '../../../../shared/crypto/random';

/** What a document log reports after recovering from damage. */
export interface DamageReport {
  kind: StoreNotice['kind'];
  /** Where the untouched copy of the damaged file is. */
  savedCopyPath: string;
  bytesLost: number;
}

/** Receives each notice as it is made. */
export type NoticeSink = (notice: StoreNotice) => void;

/** A new notice with a fresh id. */
export function makeNotice(fields: Omit<StoreNotice, 'id'>): StoreNotice {
  return { id: toBase64Url(randomBytes(12)), ...fields };
}

/** The notice in plain words, for logs and for any surface without its own wording. */
export function noticeWords(notice: StoreNotice): string {
  const what = notice.docId === 'index' ? 'the notebook index' : 'an entry';
  const where = notice.circleName === null ? '' : ` of "${notice.circleName}"`;
  const copy =
    notice.savedCopyPath === null
      ? ''
      : ` An untouched copy of the damaged file was kept at ${notice.savedCopyPath}.`;
  switch (notice.kind) {
    case 'damaged-tail-dropped':
      return `The last ${notice.bytesLost} bytes of ${what}${where} were cut off or damaged, most likely when the laptop stopped suddenly. Everything before them is kept.${copy}`;
    case 'damaged-records-skipped':
      return `Part of ${what}${where} was damaged on disk (${notice.bytesLost} bytes could not be read). Everything else is kept.${copy}`;
    case 'circle-locked':
      return `A circle on this laptop could not be unlocked with this laptop's key store, so it is not shown. Its files were left untouched.`;
    case 'unreadable-file-set-aside':
      return `The file of ${what}${where} could not be read at all, so Hearth set it aside and started it afresh. Other laptops in the circle may still have its writing.${copy}`;
  }
}

/** The notices made since Hearth started: kept for the renderer, and pushed as they come. */
export function noticeBoard(emit: EmitEvent): {
  /** Give to the store: keeps each new notice and tells the renderer. */
  add: NoticeSink;
  handlers: Pick<InvokeHandlers, 'hearth:notices:list' | 'hearth:notices:dismiss'>;
} {
  const notices: StoreNotice[] = [];
  return {
    add: (notice) => {
      notices.push(notice);
      emit('hearth:notices:added', notice);
    },
    handlers: {
      'hearth:notices:list': () => Promise.resolve([...notices]),
      'hearth:notices:dismiss': (noticeId) => {
        const at = notices.findIndex((notice) => notice.id === noticeId);
        if (at !== -1) notices.splice(at, 1);
        return Promise.resolve();
      },
    },
  };
}
