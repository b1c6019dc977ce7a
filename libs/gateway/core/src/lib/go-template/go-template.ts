import { goValue, truthy } from './go-format';
import { TEMPLATE_FUNCTIONS, TemplateExecError } from './template-functions';
import { Operand, parseTemplate, Pipeline, TemplateNode } from './template-parser';

export { TemplateSyntaxError } from './template-lexer';
export { TemplateExecError };

type Scope = Map<string, unknown>;

/**
 * A template runs over a body the client chose: a range over a large array, or ranges nested in
 * each other, must not hold the event loop. Output and steps are counted as they happen.
 */
const MAX_OUTPUT = 8 * 1024 * 1024;
const MAX_STEPS = 1_000_000;

interface Budget {
  size: number;
  steps: number;
}

/**
 * A compiled Go text/template (the subset Tyk's body transforms use: actions, pipelines, variables,
 * if/else if/else, range, with, Go's builtins and common sprig functions), run over decoded JSON with
 * Go's formatting of it. Parsing happens once, at load; an unknown function is refused there.
 */
export class GoTemplate {
  private readonly nodes: TemplateNode[];

  constructor(source: string) {
    this.nodes = parseTemplate(source);
    checkFunctions(this.nodes);
  }

  /**
   * Runs the template. Returns the output, with `failed` set when execution stopped on an error (Go
   * keeps what was written before it).
   */
  execute(data: unknown): { output: string; failed?: string } {
    const out: string[] = [];
    try {
      run(this.nodes, data, new Map([['$', data]]), out, { size: 0, steps: 0 });
      return { output: out.join('') };
    } catch (error) {
      if (!(error instanceof TemplateExecError)) throw error;
      return { output: out.join(''), failed: error.message };
    }
  }
}

function checkFunctions(nodes: TemplateNode[]): void {
  const check = (pipeline: Pipeline): void => {
    for (const command of pipeline.commands) {
      for (const operand of command) {
        if (operand.kind === 'function' && !Object.hasOwn(TEMPLATE_FUNCTIONS, operand.name)) {
          throw new TemplateExecError(`function "${operand.name}" not defined`);
        }
        if (operand.kind === 'pipeline') check(operand.pipeline);
      }
    }
  };
  for (const node of nodes) {
    if (node.kind === 'text') continue;
    check(node.pipeline);
    if (node.kind !== 'print') {
      checkFunctions(node.then);
      checkFunctions(node.otherwise);
    }
  }
}

function field(value: unknown, chain: string[]): unknown {
  let current = value;
  for (const name of chain) {
    if (current === undefined || current === null) return undefined;
    if (typeof current !== 'object' || Array.isArray(current)) {
      throw new TemplateExecError(
        `can't evaluate field ${name} in type ${Array.isArray(current) ? '[]interface {}' : typeof current}`,
      );
    }
    current = Object.hasOwn(current, name) ? (current as Record<string, unknown>)[name] : undefined;
  }
  return current;
}

function operandValue(operand: Operand, dot: unknown, scope: Scope): unknown {
  switch (operand.kind) {
    case 'field':
      return field(dot, operand.chain);
    case 'variable':
      if (!scope.has(operand.name)) throw new TemplateExecError(`undefined variable: ${operand.name}`);
      return field(scope.get(operand.name), operand.chain);
    case 'literal':
      return operand.value;
    case 'pipeline':
      return field(pipelineValue(operand.pipeline, dot, scope), operand.chain);
    case 'function':
      return TEMPLATE_FUNCTIONS[operand.name]();
  }
}

function pipelineValue(pipeline: Pipeline, dot: unknown, scope: Scope): unknown {
  let value: unknown;
  let piped = false;
  for (const command of pipeline.commands) {
    const [head, ...rest] = command;
    const args = rest.map((operand) => operandValue(operand, dot, scope));
    if (piped) args.push(value);
    if (head.kind === 'function') value = TEMPLATE_FUNCTIONS[head.name](...args);
    else if (args.length > 0) throw new TemplateExecError("can't give argument to non-function");
    else value = operandValue(head, dot, scope);
    piped = true;
  }
  if (pipeline.declare) pipeline.declare.names.forEach((name) => scope.set(name, value));
  return value;
}

function run(nodes: TemplateNode[], dot: unknown, scope: Scope, out: string[], budget: Budget): void {
  for (const node of nodes) {
    if (++budget.steps > MAX_STEPS) throw new TemplateExecError('template ran too long');
    if (node.kind === 'text') emit(out, budget, node.text);
    else if (node.kind === 'print') {
      const value = pipelineValue(node.pipeline, dot, scope);
      if (!node.pipeline.declare) emit(out, budget, goValue(value));
    } else if (node.kind === 'if' || node.kind === 'with') {
      const value = pipelineValue(node.pipeline, dot, new Map(scope));
      if (truthy(value)) run(node.then, node.kind === 'with' ? value : dot, new Map(scope), out, budget);
      else run(node.otherwise, dot, new Map(scope), out, budget);
    } else if (node.kind === 'range') runRange(node, dot, scope, out, budget);
  }
}

function emit(out: string[], budget: Budget, text: string): void {
  budget.size += text.length;
  if (budget.size > MAX_OUTPUT) throw new TemplateExecError('output too large');
  out.push(text);
}

function runRange(
  node: TemplateNode & { kind: 'range' },
  dot: unknown,
  scope: Scope,
  out: string[],
  budget: Budget,
): void {
  const names = node.pipeline.declare?.names ?? [];
  const collection = pipelineValue({ ...node.pipeline, declare: undefined }, dot, scope);
  const entries: [unknown, unknown][] = Array.isArray(collection)
    ? collection.map((item, position) => [position, item])
    : collection !== null && typeof collection === 'object'
      ? Object.keys(collection)
          .sort()
          .map((key) => [key, (collection as Record<string, unknown>)[key]])
      : [];
  if (entries.length === 0) {
    run(node.otherwise, dot, new Map(scope), out, budget);
    return;
  }
  for (const [key, item] of entries) {
    const inner = new Map(scope);
    if (names.length === 1) inner.set(names[0], item);
    if (names.length === 2) {
      inner.set(names[0], key);
      inner.set(names[1], item);
    }
    run(node.then, item, inner, out, budget);
  }
}
