import { rmSync } from 'node:fs';
import { expect } from '@playwright/test';
import { addMeeting, createCircle, joinByPasting, readInvite, startEntry, syncStatus } from '../e2e/member';
import { Laptop } from './laptop';
import { buildRoom, removeAbandonedRooms, tearDownRoom } from './topology';
import { readNotebook } from './screen';

console.log('removed', removeAbandonedRooms());
const runDir = '/tmp/hearth-room/spike';
rmSync(runDir, { recursive: true, force: true });
const laptops: Laptop[] = [];
try {
  const room = await buildRoom(2);
  const t0 = Date.now();
  const names = ['Ana Lindqvist', 'Ben Okafor'];
  for (const seat of room.seats) laptops.push(new Laptop({ seat, memberName: names[seat.index - 1]!, runDir, rendererDir: '/tmp/hearth-room/renderer', clockSkewMs: 0 }));
  await Promise.all(laptops.map((l) => l.start()));
  console.log('started', Date.now() - t0, laptops.map((l) => l.host.signallingUrls));
  const [a, b] = laptops as [Laptop, Laptop];
  await createCircle(a.page, { name: 'Spike circle', memberName: a.name });
  await addMeeting(a.page, { title: 'First' });
  await startEntry(a.page);
  await a.page.keyboard.type('hello from ana');
  const invite = await readInvite(a.page);
  console.log(invite.link.length);
  await joinByPasting(b.page, invite.link, b.name);
  await expect(syncStatus(b.page)).toHaveText('Connected to 1 person', { timeout: 30_000 });
  console.log('joined', Date.now() - t0);
  console.log(JSON.stringify(await readNotebook(b.page)));
} finally {
  for (const l of laptops) console.log(l.label, await l.shutDown().catch((e: unknown) => String(e)), l.pageProblems);
  tearDownRoom();
}
