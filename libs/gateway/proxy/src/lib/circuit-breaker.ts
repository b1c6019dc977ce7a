export interface CircuitBreakerSettings {
  /** Failure ratio (0..1) over the sample window that opens the circuit. */
  thresholdPercent: number;
  /** Requests per sample window. */
  samples: number;
  returnToServiceAfterMs: number;
}

type State = 'closed' | 'open' | 'half-open';

/**
 * Tyk's circuit breaker for a path: after `samples` requests with at least `thresholdPercent` failures
 * it opens and the gateway answers 503 without calling the upstream; after `returnToServiceAfterMs` one
 * trial request is let through (half-open) and its outcome closes or re-opens the circuit.
 */
export class CircuitBreaker {
  private state: State = 'closed';
  private requests = 0;
  private failures = 0;
  private openedAt = 0;
  private trialInFlight = false;

  constructor(
    private readonly settings: CircuitBreakerSettings,
    private readonly now: () => number = Date.now,
  ) {}

  get current(): State {
    return this.state;
  }

  /** Whether a request may go upstream now. */
  allow(): boolean {
    if (this.state === 'closed') return true;
    if (this.state === 'open' && this.now() - this.openedAt >= this.settings.returnToServiceAfterMs) {
      this.state = 'half-open';
      this.trialInFlight = false;
    }
    if (this.state === 'half-open' && !this.trialInFlight) {
      this.trialInFlight = true;
      return true;
    }
    return false;
  }

  record(success: boolean): void {
    if (this.state === 'half-open') {
      if (success) this.reset();
      else this.open();
      return;
    }
    this.requests++;
    if (!success) this.failures++;
    if (this.requests >= this.settings.samples) {
      if (this.failures / this.requests >= this.settings.thresholdPercent) this.open();
      else this.resetCounts();
    }
  }

  private open(): void {
    this.state = 'open';
    this.openedAt = this.now();
    this.trialInFlight = false;
    this.resetCounts();
  }

  private reset(): void {
    this.state = 'closed';
    this.resetCounts();
  }

  private resetCounts(): void {
    this.requests = 0;
    this.failures = 0;
  }
}
