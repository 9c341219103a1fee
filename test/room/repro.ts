import { rmSync } from 'node:fs';
import { expect } from '@playwright/test';
import { joinByPasting, syncStatus } from '../e2e/member';
import { Laptop } from './laptop';
import { foundCircle, openTheMeeting, startOwnEntry } from './gathering';
import { buildRoom, tearDownRoom } from './topology';
import { readNotebook } from './screen';
import { entryEditor } from './typing';

const runDir = '/tmp/hearth-room/repro';
rmSync(runDir, { recursive: true, force: true });
const laptops: Laptop[] = [];
try {
  const room = await buildRoom(2);
  const names = ['Ana Lindqvist', 'Ben Okafor'];
  for (const seat of room.seats) laptops.push(new Laptop({ seat, memberName: names[seat.index - 1]!, runDir, rendererDir: '/tmp/hearth-room/renderer', clockSkewMs: 0 }));
  await Promise.all(laptops.map((l) => l.start()));
  const [a, b] = laptops as [Laptop, Laptop];
  const plan = { circleName: 'Repro circle', meetingTitle: 'Repro' } as never;
  const inv = await foundCircle(a, plan);
  await joinByPasting(b.page, inv.withAddresses, b.name);
  await openTheMeeting(b, plan);
  await expect(syncStatus(b.page)).toHaveText('Connected to 1 person', { timeout: 30_000 });
  await startOwnEntry(b);
  await b.page.keyboard.type('first line ends with 3');
  await new Promise((r) => setTimeout(r, 1500));
  for (let trial = 0; trial < 6; trial++) {
    await Promise.all([a, b].map(async (l, i) => {
      await entryEditor(l.page, b.name).click();
      await l.page.keyboard.press('Control+End');
      await l.page.keyboard.press('Enter');
      await l.page.keyboard.type(`${l.name.slice(0, 3)} trial ${trial} x${i}`, { delay: 15 });
    }));
    await new Promise((r) => setTimeout(r, 1500));
    const texts = await Promise.all([a, b].map(async (l) => (await readNotebook(l.page)).entries.find((e) => e.byline === b.name)?.text));
    console.log(`trial ${trial}:`, JSON.stringify(texts[0]), texts[0] === texts[1] ? 'same' : `DIFFER ${JSON.stringify(texts[1])}`);
  }
} finally {
  for (const l of laptops) await l.shutDown().catch(() => undefined);
  tearDownRoom();
}
