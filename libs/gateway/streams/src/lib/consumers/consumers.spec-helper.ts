import { compareStreamIds, StreamMessage } from '@gatehouse/gateway-storage';

import type { MessageLog, MessageTail } from '../ports';
import type { ConsumerCloseReason, ConsumerConnection } from './consumer';

export const message = (n: number, content = `m${n}`): StreamMessage => ({ id: `${n}-0`, content, meta: {} });

/** A connection that records what it was sent; `unsent` is set by the test. */
export class RecordingConnection implements ConsumerConnection {
  readonly sent: StreamMessage[] = [];
  unsent = 0;
  truncatedAt?: string | null;
  closedWith?: { reason: ConsumerCloseReason; detail: string };

  send(sent: StreamMessage): void {
    this.sent.push(sent);
  }

  truncated(oldestKeptId: string | undefined): void {
    this.truncatedAt = oldestKeptId ?? null;
  }

  close(reason: ConsumerCloseReason, detail: string): void {
    this.closedWith = { reason, detail };
  }
}

/** A log in memory: ids `<n>-0`; everything before `oldestKept` counts as trimmed by retention. */
export class MemoryLog implements MessageLog {
  readonly key = 'log';
  readonly messages: StreamMessage[] = [];
  /** Runs during each resume, before it answers: what arrives live while a consumer catches up. */
  duringResume?: () => void;

  async append(content: string): Promise<string> {
    const added = message(this.messages.length + 1, content);
    this.messages.push(added);
    return added.id;
  }

  async resume(lastSeenId: string, count: number) {
    const after = this.messages.filter((kept) => compareStreamIds(kept.id, lastSeenId) > 0).slice(0, count);
    this.duringResume?.();
    return { messages: after, truncated: false };
  }
}

/** A tail whose listeners the test drives. */
export class ManualTail implements MessageTail {
  readonly listeners = new Set<(messages: StreamMessage[]) => void>();

  async follow(_key: string, listener: (messages: StreamMessage[]) => void): Promise<() => void> {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(...messages: StreamMessage[]): void {
    for (const listener of this.listeners) listener(messages);
  }
}

export const noEvents = { delivered: () => undefined, filtered: () => undefined, closed: () => undefined };
