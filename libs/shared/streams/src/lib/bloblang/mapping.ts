import { randomUUID } from 'node:crypto';

import type { ContextRef, Expression, Statement, TemplatePart } from './ast';
import { asString, MappingRuntimeError, METHODS } from './methods';
import { parseMapping } from './parser';
import { ValueSizes } from './value-sizes';
import { arithmetic, boolean, compare, defineField, DELETED, readPath, writePath } from './values';

/** Resolves `$tyk_context.*` and `$tyk_meta.*` for one connection; undefined reads as "". */
export interface ContextValues {
  resolve(ref: ContextRef): string | undefined;
}

export interface MappedMessage {
  content: string;
  meta: Record<string, string>;
}

/** What a mapping made of a message: a new message, or nothing when it assigned `deleted()` to root. */
export type MappingResult = { deleted: true } | ({ deleted: false } & MappedMessage);

const BUILDS = new Set<Expression['kind']>(['template', 'array', 'object', 'binary', 'method']);

/** Not assigned yet: a mapping that never assigns root keeps the message's content. */
const NOTHING = Symbol('nothing');

interface Run {
  input: MappedMessage;
  parsed?: { value: unknown };
  context?: ContextValues;
  root: unknown;
  meta: Record<string, string>;
  variables: Map<string, unknown>;
  sizes: ValueSizes;
}

/**
 * A compiled `mapping` processor. Runs in time linear in the mapping and the message: the subset has no
 * loops, no recursion and no user regular expressions. Throws {@link MappingRuntimeError} for a message
 * it cannot map (the caller passes such a message on unchanged, as Bento does, and counts the error).
 */
export class Mapping {
  readonly usesContext: boolean;
  private readonly statements: Statement[];

  /** The mapping's text: what identifies it when a changed definition is compared with the running one. */
  constructor(readonly source: string) {
    const parsed = parseMapping(source);
    this.statements = parsed.statements;
    this.usesContext = parsed.usesContext;
  }

  run(input: MappedMessage, context?: ContextValues): MappingResult {
    const run: Run = {
      input,
      context,
      root: NOTHING,
      meta: { ...input.meta },
      variables: new Map(),
      sizes: new ValueSizes(),
    };
    this.execute(this.statements, run);
    if (run.root === DELETED) return { deleted: true };
    const content = run.root === NOTHING ? input.content : asString(run.root);
    return { deleted: false, content, meta: run.meta };
  }

  private execute(statements: readonly Statement[], run: Run): void {
    for (const statement of statements) {
      if (statement.kind === 'if') {
        const branch = statement.branches.find((b) => boolean(this.evaluate(b.when, run), 'if'));
        this.execute(branch?.then ?? statement.otherwise ?? [], run);
        continue;
      }
      const value = this.evaluate(statement.value, run);
      if (value === NOTHING) continue;
      if (statement.kind === 'let') run.variables.set(statement.name, value);
      else if (statement.kind === 'meta') this.assignMeta(statement.key, value, run);
      else if (run.root !== DELETED)
        run.root = writePath(run.root === NOTHING ? undefined : run.root, statement.target, value);
    }
  }

  private assignMeta(key: string | undefined, value: unknown, run: Run): void {
    if (key === undefined) {
      if (value === null || typeof value !== 'object' || Array.isArray(value))
        throw new MappingRuntimeError('meta = expects an object');
      run.meta = {};
      for (const [name, item] of Object.entries(value)) run.meta[name] = asString(item);
    } else if (value === DELETED) {
      delete run.meta[key];
    } else {
      defineField(run.meta, key, asString(value));
    }
  }

  /** Values the mapping builds (not the ones it reads) are bounded in size; see ValueSizes. */
  private evaluate(expression: Expression, run: Run): unknown {
    const value = this.value(expression, run);
    return BUILDS.has(expression.kind) ? run.sizes.check(value) : value;
  }

  private value(expression: Expression, run: Run): unknown {
    switch (expression.kind) {
      case 'literal':
        return expression.value;
      case 'template':
        return expression.parts.map((part) => this.part(part, run)).join('');
      case 'context':
        return run.context?.resolve(expression.ref) ?? '';
      case 'this':
        return readPath(this.input(run), expression.path);
      case 'variable':
        if (!run.variables.has(expression.name))
          throw new MappingRuntimeError(`variable $${expression.name} is not set`);
        return readPath(run.variables.get(expression.name), expression.path);
      case 'field':
        return readPath(this.evaluate(expression.target, run), expression.path);
      case 'array':
        return expression.items.map((item) => this.evaluate(item, run));
      case 'object': {
        const object: Record<string, unknown> = {};
        for (const [key, item] of expression.entries) defineField(object, key, this.evaluate(item, run));
        return object;
      }
      case 'unary': {
        const operand = this.evaluate(expression.operand, run);
        return expression.op === '!' ? !boolean(operand, '!') : arithmetic('-', 0, operand);
      }
      case 'binary':
        return this.binary(expression.op, expression.left, expression.right, run);
      case 'if': {
        const branch = expression.branches.find((b) => boolean(this.evaluate(b.when, run), 'if'));
        if (branch) return this.evaluate(branch.then, run);
        return expression.otherwise ? this.evaluate(expression.otherwise, run) : NOTHING;
      }
      case 'call':
        return this.call(
          expression.name,
          expression.args.map((arg) => this.evaluate(arg, run)),
          run,
        );
      case 'method': {
        const target = this.evaluate(expression.target, run);
        return METHODS[expression.name].run(
          target,
          expression.args.map((arg) => this.evaluate(arg, run)),
        );
      }
    }
  }

  private binary(op: string, left: Expression, right: Expression, run: Run): unknown {
    if (op === '|') {
      try {
        const value = this.evaluate(left, run);
        if (value !== null && value !== NOTHING) return value;
      } catch (error) {
        if (!(error instanceof MappingRuntimeError)) throw error;
      }
      return this.evaluate(right, run);
    }
    if (op === '&&')
      return boolean(this.evaluate(left, run), '&&') && boolean(this.evaluate(right, run), '&&');
    if (op === '||')
      return boolean(this.evaluate(left, run), '||') || boolean(this.evaluate(right, run), '||');
    const [a, b] = [this.evaluate(left, run), this.evaluate(right, run)];
    return ['+', '-', '*', '/', '%'].includes(op) ? arithmetic(op, a, b) : compare(op, a, b);
  }

  private call(name: string, args: unknown[], run: Run): unknown {
    switch (name) {
      case 'deleted':
        return DELETED;
      case 'meta':
        if (args.length === 0) return { ...run.input.meta };
        return Object.hasOwn(run.input.meta, asString(args[0])) ? run.input.meta[asString(args[0])] : null;
      case 'content':
        return run.input.content;
      case 'now':
        return new Date().toISOString();
      case 'timestamp_unix':
        return Math.floor(Date.now() / 1000);
      default:
        return randomUUID();
    }
  }

  private part(part: TemplatePart, run: Run): string {
    return typeof part === 'string' ? part : (run.context?.resolve(part) ?? '');
  }

  private input(run: Run): unknown {
    if (!run.parsed) {
      try {
        run.parsed = { value: JSON.parse(run.input.content) };
      } catch {
        throw new MappingRuntimeError('this: the message is not JSON');
      }
    }
    return run.parsed.value;
  }
}
