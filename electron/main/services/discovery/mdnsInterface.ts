/**
 * mDNS on one network interface, with bonjour-service: its socket joins the mDNS group
 * on that interface only and sends through it, so each interface's announcement
 * carries that interface's own address (RFC 6762 §15), and an interface that goes away
 * takes only its own socket with it.
 *
 * Announcing (records in ./hearthService.ts) goes through bonjour-service's responder,
 * which answers queries from its registry, but not through its `publish()`: that one
 * announces every non-loopback address of the machine, public and IPv6 included, under
 * the machine's host name, and its conflict probe would see this Hearth's own records
 * on its other interfaces as a conflict. So the records are registered with the
 * responder and announced here, twice a second apart (RFC 6762 §8.3), and withdrawn
 * with a goodbye (ttl 0) on close.
 *
 * Browsing uses bonjour-service's Browser. A Browser reports a service once and never
 * again while it lives, so `census()` replaces it with a new one, which asks the
 * network afresh: every Hearth that answers is reported again, which is how the
 * discovery tells a laptop still present from one that left without a goodbye.
 */
import { Bonjour, type Browser, type Service } from 'bonjour-service';
import { logger } from '../../../../shared/log';
import { SERVICE_TYPE, serviceRecords, type MdnsRecord } from './hearthService';

const log = logger('discovery');

/** The standard mDNS port. */
export const MDNS_PORT = 5353;

const ANNOUNCE_AGAIN_MS = 1_000;
// A goodbye that cannot be sent in this long (the interface is gone) is given up.
const GOODBYE_TIMEOUT_MS = 500;

/** What one interface's mDNS needs. */
export interface MdnsInterfaceOptions {
  /** The interface's IPv4 address. */
  address: string;
  instance: string;
  /** The signalling endpoint's port, announced in the SRV record. */
  port: number;
  /** The mDNS port: 5353, or another in tests so they cannot meet real Hearths. */
  mdnsPort: number;
  /** A Hearth answered or announced (this one included: the caller filters). */
  onService: (service: Service) => void;
  /** A Hearth said goodbye. */
  onGoodbye: (instance: string) => void;
  /**
   * Another service to announce and browse instead of Hearth's signalling endpoint (an
   * open door, ../door/doorRecords.ts): its DNS-SD type and its records (none: browse only).
   */
  service?: { type: string; records: MdnsRecord[] };
}

// The slice of bonjour-service's private responder used here. Its socket's 'error'
// event must have a listener: multicast-dns emits one when port 5353 cannot be bound,
// and an unheard 'error' event would end the whole process.
interface MdnsSocket {
  respond(answers: MdnsRecord[], callback: (error?: Error | null) => void): void;
  on(event: 'error' | 'warning', listener: (error: Error) => void): void;
}
interface Responder {
  mdns: MdnsSocket;
  register(records: MdnsRecord[]): void;
  unregister(records: MdnsRecord[]): void;
}

/** mDNS on one interface: announces this Hearth and reports the others. */
export class MdnsInterface {
  private readonly bonjour: Bonjour;
  private readonly responder: Responder;
  private readonly records: MdnsRecord[];
  private browser: Browser | null = null;
  private announceTimer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(private readonly options: MdnsInterfaceOptions) {
    // multicast-dns options, passed through by bonjour-service (its type names only `port`).
    // Bound to the wildcard address: a socket bound to the interface's own address
    // would not receive multicast on Linux.
    const socketOptions = {
      interface: options.address,
      bind: '0.0.0.0',
      port: options.mdnsPort,
      reuseAddr: true,
    };
    this.bonjour = new Bonjour(socketOptions, (error: unknown) => {
      log.debug('an mDNS answer could not be sent', {
        address: options.address,
        error: String(error),
      });
    });
    this.responder = responderOf(this.bonjour);
    this.responder.mdns.on('error', (error) => {
      log.error('mDNS is unavailable on an interface', {
        address: options.address,
        error: String(error),
      });
    });
    this.responder.mdns.on('warning', (error) => {
      log.debug('mDNS warning', { address: options.address, error: String(error) });
    });
    this.records = options.service?.records ?? serviceRecords(options);
    this.responder.register(this.records);
    this.announce();
    this.announceTimer = setTimeout(() => {
      this.announce();
    }, ANNOUNCE_AGAIN_MS);
    this.announceTimer.unref();
    this.census();
  }

  /** The interface's address. */
  get address(): string {
    return this.options.address;
  }

  /** Asks the network afresh which Hearths are present (see the file comment). */
  census(): void {
    if (this.closed) return;
    this.browser?.stop();
    const browser = this.bonjour.find({ type: this.options.service?.type ?? SERVICE_TYPE });
    browser.on('up', this.options.onService);
    browser.on('srv-update', this.options.onService);
    browser.on('down', (service) => {
      this.options.onGoodbye(service.name);
    });
    this.browser = browser;
  }

  /** Says goodbye (best effort) and closes the socket. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.announceTimer !== null) clearTimeout(this.announceTimer);
    this.browser?.stop();
    const goodbye = this.records.map((record) => ({ ...record, ttl: 0 }));
    this.responder.unregister(this.records);
    await new Promise<void>((resolve) => {
      if (goodbye.length === 0) {
        resolve();
        return;
      }
      const timer = setTimeout(resolve, GOODBYE_TIMEOUT_MS);
      this.responder.mdns.respond(goodbye, () => {
        clearTimeout(timer);
        resolve();
      });
    });
    await new Promise<void>((resolve) => {
      this.bonjour.destroy(() => {
        resolve();
      });
    });
  }

  private announce(): void {
    if (this.closed || this.records.length === 0) return;
    this.responder.mdns.respond(this.records, (error) => {
      if (error instanceof Error) {
        log.debug('an mDNS announcement failed', {
          address: this.options.address,
          error: String(error),
        });
      }
    });
  }
}

// bonjour-service keeps its responder private; checked here so an upgrade that changes
// it fails loudly at start rather than quietly announcing nothing.
function responderOf(bonjour: Bonjour): Responder {
  const responder = (bonjour as unknown as { server?: Partial<Responder> }).server;
  if (
    typeof responder?.register !== 'function' ||
    typeof responder.unregister !== 'function' ||
    typeof responder.mdns?.respond !== 'function'
  ) {
    throw new Error('bonjour-service has changed inside: Hearth cannot announce itself with it');
  }
  return responder as Responder;
}
