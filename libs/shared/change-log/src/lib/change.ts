/** What the change log records changes of. */
export type ChangeKind = 'api' | 'policy' | 'key';

/** One entry of the change log: which document changed, at which revision, and whether it was deleted. */
export interface Change {
  kind: ChangeKind;
  id: string;
  rev: number;
  deleted: boolean;
}
