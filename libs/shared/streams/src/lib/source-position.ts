/**
 * Where a message sits in an ordered source: a Kafka partition (`topic:partition`) and its offset. The
 * region's log keeps the last position appended per source, so a redelivery after a rebalance is
 * appended once.
 */
export interface SourcePosition {
  source: string;
  sequence: number;
}
