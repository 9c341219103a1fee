/**
 * The signalling protocol: y-webrtc's (its bin/server.js), spoken over WebSocket text
 * frames, each one JSON object.
 *
 *   client -> endpoint   { "type": "subscribe",   "topics": ["<topic>", ...] }
 *                        { "type": "unsubscribe", "topics": ["<topic>", ...] }
 *                        { "type": "publish",     "topic": "<topic>", "data": <any JSON> }
 *                        { "type": "ping" }
 *   endpoint -> client   { "type": "publish", "topic", "data", "clients": <subscribers> }
 *                        { "type": "pong" }
 *
 * A publish reaches every *other* subscriber of its topic (y-webrtc's server echoes it
 * to the sender too; y-webrtc clients ignore their own messages, so nothing relies on
 * the echo). `clients` counts the topic's subscribers, the sender included, as y-webrtc
 * does. The endpoint never reads `data`: Hearth encrypts it with a key derived from the
 * circle key, and the topic is a room name derived the same way, so the endpoint learns
 * neither the circle nor what is said.
 *
 * Stricter than y-webrtc's server: a message that is not exactly one of these shapes is
 * dropped whole, and a connection may publish only to topics it has subscribed to.
 */

/** Bumped when the protocol changes shape; discovery announces it. */
export const SIGNALLING_PROTOCOL_VERSION = 1;

/** Bounds on what one connection may ask of the endpoint. */
export interface SignallingLimits {
  /** The largest frame accepted; a larger one closes its connection (1009). SDP fits easily. */
  maxFrameBytes: number;
  /** Topics one connection may be subscribed to at once. */
  maxTopicsPerConnection: number;
  /** The longest topic name, in UTF-16 code units. */
  maxTopicLength: number;
  /** Open connections, all addresses together; more are refused at the handshake (503). */
  maxConnections: number;
  /** Messages per second one connection may send, on average; the excess is dropped. */
  messagesPerSecond: number;
  /** Messages one connection may send in a burst above that rate. */
  messageBurst: number;
  /** Bytes queued towards one receiver before it counts as stuck and is closed. */
  maxBufferedBytes: number;
}

/** Limits for a room of laptops: generous for a few circles, tight enough to shrug off a flood. */
export const DEFAULT_SIGNALLING_LIMITS: Readonly<SignallingLimits> = {
  maxFrameBytes: 64 * 1024,
  maxTopicsPerConnection: 64,
  maxTopicLength: 256,
  maxConnections: 256,
  messagesPerSecond: 50,
  messageBurst: 200,
  maxBufferedBytes: 1024 * 1024,
};

/** A message from a client, once checked. */
export type ClientMessage =
  | { type: 'subscribe'; topics: string[] }
  | { type: 'unsubscribe'; topics: string[] }
  | { type: 'publish'; topic: string; data: unknown }
  | { type: 'ping' };

/** A checked message, or why the frame was dropped. */
export type ParsedFrame = { ok: true; message: ClientMessage } | { ok: false; reason: string };

/** The pong frame, encoded once. */
export const PONG_FRAME = JSON.stringify({ type: 'pong' });

/** Reads one text frame; never throws. */
export function parseClientFrame(text: string, limits: SignallingLimits): ParsedFrame {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'not JSON' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, reason: 'not a JSON object' };
  }
  const record = value as Record<string, unknown>;
  switch (record.type) {
    case 'subscribe':
    case 'unsubscribe': {
      const topics = topicList(record.topics, limits);
      if (typeof topics === 'string') return { ok: false, reason: `${record.type}: ${topics}` };
      return { ok: true, message: { type: record.type, topics } };
    }
    case 'publish': {
      if (!isTopic(record.topic, limits)) return { ok: false, reason: 'publish: bad topic' };
      if (!Object.hasOwn(record, 'data')) return { ok: false, reason: 'publish: no data' };
      return { ok: true, message: { type: 'publish', topic: record.topic, data: record.data } };
    }
    case 'ping':
      return { ok: true, message: { type: 'ping' } };
    default:
      return { ok: false, reason: `unknown type ${describeType(record.type)}` };
  }
}

/** The frame a publish is relayed as. */
export function encodeRelayedPublish(topic: string, data: unknown, clients: number): string {
  return JSON.stringify({ type: 'publish', topic, data, clients });
}

function isTopic(value: unknown, limits: SignallingLimits): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= limits.maxTopicLength;
}

// The topics of a (un)subscribe, or why they are refused. One bad name refuses the
// message: a client that sends one is not a Hearth client worth half-serving.
function topicList(value: unknown, limits: SignallingLimits): string[] | string {
  if (!Array.isArray(value)) return 'topics is not a list';
  if (value.length > limits.maxTopicsPerConnection) return 'too many topics in one message';
  const topics: string[] = [];
  for (const topic of value) {
    if (!isTopic(topic, limits)) return 'a topic is not a string of the allowed length';
    topics.push(topic);
  }
  return topics;
}

// Names the offending type in a log line without echoing a long or hostile string.
function describeType(type: unknown): string {
  if (typeof type !== 'string') return `(${typeof type})`;
  return JSON.stringify(type.length > 24 ? `${type.slice(0, 24)}…` : type);
}
