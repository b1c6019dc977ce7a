import type { Position } from './tokens';

/** A piece of a string literal: text, or a `$tyk_context.<name>` / `$tyk_meta.<name>` placeholder. */
export type TemplatePart = string | ContextRef;

export interface ContextRef {
  source: 'tyk_context' | 'tyk_meta';
  name: string;
}

export type Expression =
  | { kind: 'literal'; value: unknown; at: Position }
  | { kind: 'template'; parts: TemplatePart[]; at: Position }
  | { kind: 'context'; ref: ContextRef; at: Position }
  | { kind: 'this'; path: string[]; at: Position }
  | { kind: 'variable'; name: string; path: string[]; at: Position }
  | { kind: 'array'; items: Expression[]; at: Position }
  | { kind: 'object'; entries: [string, Expression][]; at: Position }
  | { kind: 'unary'; op: '!' | '-'; operand: Expression; at: Position }
  | { kind: 'binary'; op: string; left: Expression; right: Expression; at: Position }
  | { kind: 'if'; branches: { when: Expression; then: Expression }[]; otherwise?: Expression; at: Position }
  | { kind: 'call'; name: string; args: Expression[]; at: Position }
  | { kind: 'method'; target: Expression; name: string; args: Expression[]; at: Position }
  | { kind: 'field'; target: Expression; path: string[]; at: Position };

export type Statement =
  | { kind: 'assign'; target: string[]; value: Expression; at: Position }
  | { kind: 'meta'; key?: string; value: Expression; at: Position }
  | { kind: 'let'; name: string; value: Expression; at: Position }
  | {
      kind: 'if';
      branches: { when: Expression; then: Statement[] }[];
      otherwise?: Statement[];
      at: Position;
    };
