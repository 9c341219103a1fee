/**
 * A trial local edit on a scratch document that has just taken a peer's update: one
 * character or element inserted right after each of a few new items (or a key set next
 * to a new map entry), in one transaction. The edit's update must decode, have no empty
 * struct, and refer only to ids the scratch held before the edit — the test that catches
 * an update after which this laptop's next edit could never be applied anywhere (the
 * edit would point at an item no replica can find). Only for scratch documents: the
 * edit is never undone.
 */
import * as Y from 'yjs';

const MAX_TARGETS = 4;
const PROBE_ORIGIN = Symbol('hearth.sync.probe');

/** Tries the edit next to some of `added`; a reason when it goes wrong, else null. */
export function probeLocalEdit(
  scratch: Y.Doc,
  added: readonly (Y.Item | Y.GC | Y.Skip)[],
): string | null {
  const targets: Y.Item[] = [];
  for (const struct of added) {
    if (targets.length === MAX_TARGETS) break;
    if (!(struct instanceof Y.Item)) continue;
    const live = Y.getItem(scratch.store, struct.id);
    if (live instanceof Y.Item && !targets.includes(live)) targets.push(live);
  }
  if (targets.length === 0) return null;
  const before = Y.encodeStateVector(scratch);
  const known = Y.decodeStateVector(before);
  const edited: boolean[] = [];
  scratch.transact(() => {
    for (const target of targets) edited.push(editNextTo(target));
  }, PROBE_ORIGIN);
  if (!edited.includes(true)) return null;
  const { structs } = Y.decodeUpdate(Y.encodeStateAsUpdate(scratch, before));
  for (const struct of structs) {
    if (!(struct.length >= 1)) return 'an update after which a local edit would be empty';
    if (!(struct instanceof Y.Item)) continue;
    const parent = struct.parent instanceof Y.ID ? struct.parent : null;
    for (const ref of [struct.origin, struct.rightOrigin, parent]) {
      if (ref === null || ref.client === scratch.clientID) continue;
      if (ref.clock >= (known.get(ref.client) ?? 0)) {
        return 'an update after which a local edit would point at an item nobody has';
      }
    }
  }
  return null;
}

/** Inserts next to `item` in its list, or sets its map key again; false when neither fits. */
function editNextTo(item: Y.Item): boolean {
  const parent = item.parent;
  if (!(parent instanceof Y.AbstractType)) {
    throw new Error('an item without a parent type');
  }
  if (item.parentSub !== null) {
    if (parent instanceof Y.Map) parent.set(item.parentSub, 0);
    else if (parent instanceof Y.Text || parent instanceof Y.XmlElement) {
      parent.setAttribute(item.parentSub, 'probe');
    } else return false;
    return true;
  }
  let index = 0;
  let at = parent._start;
  while (at !== null && at !== item) {
    if (!at.deleted && at.countable) index += at.length;
    at = at.right;
  }
  if (at === null) throw new Error('an item missing from its own list');
  if (!item.deleted && item.countable) index += item.length;
  if (parent instanceof Y.Text) parent.insert(index, '·');
  else if (parent instanceof Y.Array) parent.insert(index, [0]);
  else if (parent instanceof Y.XmlFragment) parent.insert(index, [new Y.XmlText()]);
  else return false;
  return true;
}
