/**
 * How each peer is reached: directly (host, server-reflexive or peer-reflexive
 * candidates on both ends) or through a TURN relay (a relay candidate on either end),
 * read from the selected ICE candidate pair in RTCPeerConnection.getStats(). ICE picks
 * the path; this only reports it, for the status line and the connection details.
 */

/** How a link reaches its peer; null until a candidate pair is selected. */
export type LinkPath = 'direct' | 'relay';

/** The candidate types of the selected pair, or null before one is selected. */
export function selectedPair(
  stats: RTCStatsReport,
): { local: string; remote: string; path: LinkPath } | null {
  const reports = [...stats.values()] as Record<string, unknown>[];
  const byId = new Map(reports.map((report) => [String(report.id), report]));
  const transport = reports.find(
    (report) => report.type === 'transport' && typeof report.selectedCandidatePairId === 'string',
  );
  // Without a transport report (older engines), the nominated pair that succeeded.
  const pairId: unknown =
    transport !== undefined
      ? transport.selectedCandidatePairId
      : reports.find(
          (report) =>
            report.type === 'candidate-pair' &&
            report.nominated === true &&
            report.state === 'succeeded',
        )?.id;
  const pair = typeof pairId === 'string' ? byId.get(pairId) : undefined;
  if (pair === undefined) return null;
  const local = byId.get(String(pair.localCandidateId))?.candidateType;
  const remote = byId.get(String(pair.remoteCandidateId))?.candidateType;
  if (typeof local !== 'string' || typeof remote !== 'string') return null;
  return { local, remote, path: local === 'relay' || remote === 'relay' ? 'relay' : 'direct' };
}

/** Something with a peer id and a stats report: a PeerLink. */
interface StatsSource {
  readonly remotePeerId: string;
  readonly isOpen: boolean;
  stats(): Promise<RTCStatsReport>;
}

const CHECK_EVERY_MS = 2000;

/**
 * Reads the path of every open link every couple of seconds (ICE can move a link from
 * the relay to a direct pair, or back after a network change) and says when one changed.
 */
export class LinkPaths {
  private readonly known = new Map<string, { path: LinkPath; candidates: string }>();
  private readonly timer: ReturnType<typeof setInterval>;
  private checking = false;

  constructor(
    private readonly links: () => Iterable<StatsSource>,
    private readonly changed: () => void,
  ) {
    this.timer = setInterval(() => void this.check(), CHECK_EVERY_MS);
  }

  /** How `peerId` is reached, as last read; null before the first reading. */
  of(peerId: string): LinkPath | null {
    return this.known.get(peerId)?.path ?? null;
  }

  /** The selected pair's candidate types, `local/remote` (`host/relay`…), as last read. */
  candidatesOf(peerId: string): string | null {
    return this.known.get(peerId)?.candidates ?? null;
  }

  /** Stops reading. */
  close(): void {
    clearInterval(this.timer);
  }

  private async check(): Promise<void> {
    if (this.checking) return;
    this.checking = true;
    let moved = false;
    try {
      const open = [...this.links()].filter((link) => link.isOpen);
      for (const peerId of [...this.known.keys()]) {
        if (!open.some((link) => link.remotePeerId === peerId)) this.known.delete(peerId);
      }
      for (const link of open) {
        const stats = await link.stats().catch(() => null);
        const pair = stats === null ? null : selectedPair(stats);
        const candidates = pair === null ? '' : `${pair.local}/${pair.remote}`;
        if (pair === null || this.known.get(link.remotePeerId)?.candidates === candidates) continue;
        this.known.set(link.remotePeerId, { path: pair.path, candidates });
        moved = true;
      }
    } catch {
      // A link closed while being read: the next round reads the rest.
    } finally {
      this.checking = false;
    }
    if (moved) this.changed();
  }
}
