/**
 * One client connection to the signalling endpoint: reads its frames (protocol in
 * ./signallingProtocol.ts), applies its message budget, relays its publishes, and keeps
 * track of whether it still answers pings. A bad frame never throws out of here: it is
 * dropped with a logged reason, and the log is summarised so a flood cannot flood it.
 */
import type { RawData, WebSocket } from 'ws';
import { logger } from '../../../../shared/log';
import { MessageBudget } from './messageBudget';
import {
  encodeRelayedPublish,
  parseClientFrame,
  PONG_FRAME,
  type SignallingLimits,
} from './signallingProtocol';
import type { TopicRelay } from './topicRelay';

const log = logger('signalling');

// Each connection logs its first few dropped frames one by one, then a count at most
// this often: enough to diagnose a confused client, bounded under a flood.
const DROPS_LOGGED_ONE_BY_ONE = 3;
const DROP_SUMMARY_INTERVAL_MS = 10_000;

/** WebSocket close codes the endpoint uses. */
export const CLOSE_CODE = {
  goingAway: 1001,
  policyViolation: 1008,
} as const;

/** What every session shares with the endpoint. */
export interface SessionContext {
  relay: TopicRelay<EndpointSession>;
  limits: SignallingLimits;
  now: () => number;
}

/** A connected client. */
export class EndpointSession {
  /** False once a ping went unanswered until the next heartbeat. */
  alive = true;
  private readonly budget: MessageBudget;
  private dropped = 0;
  private droppedSinceSummary = 0;
  private summarisedAt = 0;

  constructor(
    private readonly ws: WebSocket,
    /** Names the connection in logs (a counter, never an address). */
    readonly label: string,
    /** The local address the client reached, so a vanished interface can end its sessions. */
    readonly localAddress: string,
    private readonly context: SessionContext,
  ) {
    this.budget = new MessageBudget(
      context.limits.messagesPerSecond,
      context.limits.messageBurst,
      context.now,
    );
    ws.on('message', (data, isBinary) => {
      // An exception here would escape into ws's socket handler: uncaught, it ends the
      // process, and the connection's reader is left stuck. The fuzzer found one: a
      // publish whose data nests thousands deep parses, but overflows JSON.stringify.
      try {
        this.receive(data, isBinary);
      } catch (error) {
        this.drop(`a message that could not be handled (${errorName(error)})`);
      }
    });
    ws.on('pong', () => {
      this.alive = true;
    });
  }

  private receive(data: RawData, isBinary: boolean): void {
    this.alive = true;
    if (!this.budget.take()) {
      this.drop('over its message rate');
      return;
    }
    if (isBinary) {
      this.drop('a binary frame');
      return;
    }
    const parsed = parseClientFrame(frameText(data), this.context.limits);
    if (!parsed.ok) {
      this.drop(parsed.reason);
      return;
    }
    const { relay } = this.context;
    const message = parsed.message;
    switch (message.type) {
      case 'subscribe': {
        const { refused } = relay.subscribe(this, message.topics);
        if (refused > 0) this.drop(`${refused} topic(s) over the limit of this connection`);
        return;
      }
      case 'unsubscribe':
        relay.unsubscribe(this, message.topics);
        return;
      case 'publish': {
        if (!relay.isSubscribed(this, message.topic)) {
          this.drop('publish to a topic it has not subscribed to');
          return;
        }
        const receivers = relay.subscribers(message.topic);
        // Encoded once for every receiver; the sender does not get its own message back.
        const frame = encodeRelayedPublish(message.topic, message.data, receivers.size);
        for (const receiver of receivers) if (receiver !== this) receiver.send(frame);
        return;
      }
      case 'ping':
        this.send(PONG_FRAME);
        return;
    }
  }

  /** Sends a frame; a receiver that has stopped reading is closed rather than buffered forever. */
  send(frame: string): void {
    if (this.ws.readyState !== this.ws.OPEN) return;
    if (this.ws.bufferedAmount > this.context.limits.maxBufferedBytes) {
      log.warn('closing a connection that stopped reading', { connection: this.label });
      this.ws.terminate();
      return;
    }
    this.ws.send(frame, (error) => {
      if (error instanceof Error) {
        log.debug('a frame could not be sent', { connection: this.label, error: String(error) });
      }
    });
  }

  /** One heartbeat: ends the connection if the last ping went unanswered, else pings again. */
  heartbeat(): void {
    if (!this.alive) {
      log.info('closing a connection that stopped answering pings', { connection: this.label });
      this.ws.terminate();
      return;
    }
    this.alive = false;
    try {
      this.ws.ping();
    } catch (error) {
      log.debug('a ping could not be sent', { connection: this.label, error: String(error) });
      this.ws.terminate();
    }
  }

  /** Closes the connection with a close frame. */
  close(code: number, reason: string): void {
    this.ws.close(code, reason);
  }

  /** Ends the connection at once, without a close handshake. */
  terminate(): void {
    this.ws.terminate();
  }

  /** Called once the socket has closed: forgets its topics and logs what was dropped. */
  closed(): void {
    this.context.relay.remove(this);
    if (this.droppedSinceSummary > 0) this.summariseDrops();
  }

  private drop(reason: string): void {
    this.dropped++;
    if (this.dropped <= DROPS_LOGGED_ONE_BY_ONE) {
      log.warn('dropped a signalling message', { connection: this.label, reason });
      this.summarisedAt = this.context.now();
      return;
    }
    this.droppedSinceSummary++;
    if (this.context.now() - this.summarisedAt >= DROP_SUMMARY_INTERVAL_MS) {
      this.summariseDrops(reason);
    }
  }

  private summariseDrops(lastReason?: string): void {
    log.warn('dropped more signalling messages', {
      connection: this.label,
      count: this.droppedSinceSummary,
      total: this.dropped,
      ...(lastReason === undefined ? {} : { lastReason }),
    });
    this.droppedSinceSummary = 0;
    this.summarisedAt = this.context.now();
  }
}

function frameText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}

// The error's name only: its message could echo part of a hostile frame into the log.
function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}
