/**
 * Who is subscribed to which topic, with the per-connection topic limit. Knows nothing
 * of sockets: a subscriber is any object, so the relay rules are tested on their own.
 */

/** The result of a subscribe: how many topics were taken and how many refused (over the limit). */
export interface SubscribeResult {
  added: number;
  refused: number;
}

/** Topic -> subscribers, and subscriber -> topics. */
export class TopicRelay<Subscriber> {
  private readonly subscribersByTopic = new Map<string, Set<Subscriber>>();
  private readonly topicsBySubscriber = new Map<Subscriber, Set<string>>();

  constructor(private readonly maxTopicsPerSubscriber: number) {}

  /** Subscribes to each topic while the subscriber is under its limit; the rest are refused. */
  subscribe(subscriber: Subscriber, topics: readonly string[]): SubscribeResult {
    let own = this.topicsBySubscriber.get(subscriber);
    if (own === undefined) {
      own = new Set();
      this.topicsBySubscriber.set(subscriber, own);
    }
    const result: SubscribeResult = { added: 0, refused: 0 };
    for (const topic of topics) {
      if (own.has(topic)) continue;
      if (own.size >= this.maxTopicsPerSubscriber) {
        result.refused++;
        continue;
      }
      own.add(topic);
      let subscribers = this.subscribersByTopic.get(topic);
      if (subscribers === undefined) {
        subscribers = new Set();
        this.subscribersByTopic.set(topic, subscribers);
      }
      subscribers.add(subscriber);
      result.added++;
    }
    return result;
  }

  /** Unsubscribes from each topic; unknown topics are ignored. */
  unsubscribe(subscriber: Subscriber, topics: readonly string[]): void {
    const own = this.topicsBySubscriber.get(subscriber);
    if (own === undefined) return;
    for (const topic of topics) {
      if (!own.delete(topic)) continue;
      this.leave(subscriber, topic);
    }
  }

  /** Forgets a subscriber (its connection closed). */
  remove(subscriber: Subscriber): void {
    const own = this.topicsBySubscriber.get(subscriber);
    if (own === undefined) return;
    for (const topic of own) this.leave(subscriber, topic);
    this.topicsBySubscriber.delete(subscriber);
  }

  /** True when `subscriber` is subscribed to `topic`. */
  isSubscribed(subscriber: Subscriber, topic: string): boolean {
    return this.topicsBySubscriber.get(subscriber)?.has(topic) ?? false;
  }

  /** The subscribers of a topic (empty when none); do not modify. */
  subscribers(topic: string): ReadonlySet<Subscriber> {
    return this.subscribersByTopic.get(topic) ?? EMPTY;
  }

  /** How many topics have at least one subscriber. */
  get topicCount(): number {
    return this.subscribersByTopic.size;
  }

  private leave(subscriber: Subscriber, topic: string): void {
    const subscribers = this.subscribersByTopic.get(topic);
    if (subscribers === undefined) return;
    subscribers.delete(subscriber);
    // An empty topic is dropped so the map cannot grow with topics nobody holds.
    if (subscribers.size === 0) this.subscribersByTopic.delete(topic);
  }
}

const EMPTY: ReadonlySet<never> = new Set();
