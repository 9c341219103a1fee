import { it } from 'vitest';
import * as Y from 'yjs';
import { inspectUpdate } from '../../../../shared/sync/updateShape';
import { countStructs } from '../../../../shared/sync/structCount';
import { seededRandom } from '../../../helpers/seededRandom';
it('big', () => {
  const random = seededRandom(3);
  const d = new Y.Doc(); const t = d.getText('t');
  for (let i = 0; i < 200000; i++) { d.clientID = 1 + random.int(0, 5); t.insert(random.int(0, t.length), 'x'); }
  const u = Y.encodeStateAsUpdate(d);
  for (let k = 0; k < 2; k++) {
  let s = performance.now(); Y.decodeUpdate(u); const dec = performance.now() - s;
  s = performance.now(); countStructs(u, 1e6); const cnt = performance.now() - s;
  s = performance.now(); inspectUpdate(new Y.Doc(), u, new Set()); const insp = performance.now() - s;
  s = performance.now(); const p = new Y.Doc(); Y.applyUpdate(p, u); const plain = performance.now() - s;
  console.log(`decode ${dec.toFixed(0)} count ${cnt.toFixed(0)} inspect ${insp.toFixed(0)} plain ${plain.toFixed(0)}`);
  }
});
