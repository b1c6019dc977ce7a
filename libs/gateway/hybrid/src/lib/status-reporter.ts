import type { StructuredLogger } from '@gatehouse/shared-observability';
import { GATEHOUSE_VERSION } from '@gatehouse/shared-kernel';
import type { StreamStatus } from '@gatehouse/shared-proto';

import type { BridgeLink } from './bridge-link';
import type { CatalogueMirror } from './catalogue-mirror';

/** Reports what this node serves to the control plane every interval, while the link is up. */
export class StatusReporter {
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly link: Pick<BridgeLink, 'client' | 'connected'>,
    private readonly mirror: CatalogueMirror,
    private readonly node: { nodeId: string; requestsTotal: () => number; streams?: () => StreamStatus[] },
    private readonly intervalMs: number,
    private readonly logger: StructuredLogger,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.report(), this.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  async report(): Promise<void> {
    const client = this.link.client;
    if (!client) return;
    try {
      await client.reportStatus({
        nodeId: this.node.nodeId,
        version: GATEHOUSE_VERSION,
        appliedRev: this.mirror.cursor,
        configChecksum: this.mirror.checksum(),
        requestsTotal: this.node.requestsTotal(),
        emergency: !this.link.connected,
        streams: this.node.streams?.() ?? [],
      });
    } catch (error) {
      this.logger.warn({ err: (error as Error).message }, 'status report failed');
    }
  }
}
