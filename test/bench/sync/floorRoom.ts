/**
 * Pages of the stock y-webrtc floor (./page/floorPage.ts), one browser context each:
 * contexts share no BroadcastChannel, so y-webrtc can only sync them over WebRTC, as
 * it would separate laptops.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { FloorServer } from './floorServer';

/** One floor page. */
export interface FloorPeer {
  context: BrowserContext;
  page: Page;
}

/** A y-webrtc room of floor pages. */
export interface FloorRoom {
  peers: FloorPeer[];
  /** Opens `count` more pages in the room and waits for the full mesh. */
  grow(count: number): Promise<void>;
  /** Waits until every page has an open connection to every other. */
  waitForMesh(): Promise<void>;
  close(): Promise<void>;
}

const MESH_TIMEOUT_MS = 60_000;

/** Opens an empty room (no pages yet) named `room`. */
export function floorRoom(
  browser: Browser,
  server: FloorServer,
  probeScript: string,
  room: string,
): FloorRoom {
  const password = `${room}-password`;
  const peers: FloorPeer[] = [];
  const waitForMesh = async (): Promise<void> => {
    const deadline = performance.now() + MESH_TIMEOUT_MS;
    for (;;) {
      const counts = await Promise.all(
        peers.map(({ page }) => page.evaluate(() => window.floor.connectedPeers())),
      );
      if (counts.every((count) => count === peers.length - 1)) return;
      if (performance.now() > deadline) {
        throw new Error(`the floor mesh did not form: connections ${counts.join(', ')}`);
      }
      await new Promise((next) => setTimeout(next, 200));
    }
  };
  return {
    peers,
    grow: async (count) => {
      for (let i = 0; i < count; i++) {
        const context = await browser.newContext();
        await context.grantPermissions(['camera', 'microphone'], { origin: server.origin });
        await context.addInitScript({ content: probeScript });
        const page = await context.newPage();
        await page.goto(server.pageUrl(room, password));
        peers.push({ context, page });
      }
      await waitForMesh();
    },
    waitForMesh,
    close: async () => {
      for (const { context } of peers.splice(0)) await context.close().catch(() => undefined);
    },
  };
}
