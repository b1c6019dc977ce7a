import { Piece, splitTemplate, TemplateSyntaxError, Token } from './template-lexer';

export type Operand =
  | { kind: 'field'; chain: string[] }
  | { kind: 'variable'; name: string; chain: string[] }
  | { kind: 'function'; name: string }
  | { kind: 'literal'; value: unknown }
  | { kind: 'pipeline'; pipeline: Pipeline; chain: string[] };

export interface Pipeline {
  declare?: { names: string[]; assign: boolean };
  commands: Operand[][];
}

export type TemplateNode =
  | { kind: 'text'; text: string }
  | { kind: 'print'; pipeline: Pipeline }
  | { kind: 'if' | 'with'; pipeline: Pipeline; then: TemplateNode[]; otherwise: TemplateNode[] }
  | { kind: 'range'; pipeline: Pipeline; then: TemplateNode[]; otherwise: TemplateNode[] };

const LITERALS: Record<string, unknown> = { true: true, false: false, nil: null };

/** Parses the tokens of one pipeline: `[$a[, $b] :=] command | command …`. */
function parsePipeline(tokens: Token[]): Pipeline {
  let rest = tokens;
  let declare: Pipeline['declare'];
  const assignAt = rest.findIndex(
    (token) => token.kind === 'punct' && (token.value === ':=' || token.value === '='),
  );
  if (
    assignAt > 0 &&
    rest
      .slice(0, assignAt)
      .every((token) => token.kind === 'variable' || (token.kind === 'punct' && token.value === ','))
  ) {
    const names = rest.slice(0, assignAt).flatMap((token) => (token.kind === 'variable' ? [token.name] : []));
    declare = { names, assign: (rest[assignAt] as { value: string }).value === '=' };
    rest = rest.slice(assignAt + 1);
  }
  const commands: Operand[][] = [[]];
  for (let index = 0; index < rest.length; index++) {
    const token = rest[index];
    if (token.kind === 'punct' && token.value === '|') {
      commands.push([]);
    } else if (token.kind === 'punct' && token.value === '(') {
      let depth = 1;
      let end = index + 1;
      for (; end < rest.length && depth > 0; end++) {
        const inner = rest[end];
        if (inner.kind === 'punct' && inner.value === '(') depth++;
        if (inner.kind === 'punct' && inner.value === ')') depth--;
      }
      if (depth !== 0) throw new TemplateSyntaxError('unclosed parenthesis');
      commands[commands.length - 1].push({
        kind: 'pipeline',
        pipeline: parsePipeline(rest.slice(index + 1, end - 1)),
        chain: [],
      });
      index = end - 1;
    } else {
      commands[commands.length - 1].push(operand(token));
    }
  }
  if (commands.some((command) => command.length === 0))
    throw new TemplateSyntaxError('missing command in pipeline');
  return { declare, commands };
}

function operand(token: Token): Operand {
  switch (token.kind) {
    case 'field':
      return { kind: 'field', chain: token.chain };
    case 'variable':
      return { kind: 'variable', name: token.name, chain: token.chain };
    case 'string':
    case 'number':
      return { kind: 'literal', value: token.value };
    case 'ident':
      return token.name in LITERALS
        ? { kind: 'literal', value: LITERALS[token.name] }
        : { kind: 'function', name: token.name };
    default:
      throw new TemplateSyntaxError(`unexpected "${token.value}"`);
  }
}

function keyword(piece: Piece): string | undefined {
  if (piece.kind !== 'action') return undefined;
  const first = piece.tokens[0];
  return first?.kind === 'ident' &&
    ['if', 'else', 'end', 'range', 'with', 'define', 'template', 'block'].includes(first.name)
    ? first.name
    : undefined;
}

class Parser {
  private at = 0;

  constructor(private readonly pieces: Piece[]) {}

  /** Nodes up to one of `stops` (returned with the piece that stopped the list). */
  list(stops: string[]): { nodes: TemplateNode[]; stop?: Piece & { kind: 'action' } } {
    const nodes: TemplateNode[] = [];
    while (this.at < this.pieces.length) {
      const piece = this.pieces[this.at++];
      if (piece.kind === 'text') {
        nodes.push({ kind: 'text', text: piece.text });
        continue;
      }
      const word = keyword(piece);
      if (word && stops.includes(word)) return { nodes, stop: piece };
      if (word === 'if' || word === 'range' || word === 'with')
        nodes.push(this.control(word, piece.tokens.slice(1)));
      else if (word) throw new TemplateSyntaxError(`{{${word}}} is not supported here`);
      else nodes.push({ kind: 'print', pipeline: parsePipeline(piece.tokens) });
    }
    if (stops.length > 0) throw new TemplateSyntaxError(`missing {{end}}`);
    return { nodes };
  }

  private control(kind: 'if' | 'range' | 'with', tokens: Token[]): TemplateNode {
    const pipeline = parsePipeline(tokens);
    const body = this.list(['else', 'end']);
    let otherwise: TemplateNode[] = [];
    const elseTokens = body.stop && keyword(body.stop) === 'else' ? body.stop.tokens.slice(1) : undefined;
    if (
      elseTokens &&
      elseTokens.length > 0 &&
      elseTokens[0].kind === 'ident' &&
      elseTokens[0].name === 'if'
    ) {
      otherwise = [this.control('if', elseTokens.slice(1))];
    } else if (elseTokens) {
      otherwise = this.list(['end']).nodes;
    }
    return { kind, pipeline, then: body.nodes, otherwise };
  }
}

/** Parses a Go text/template (throws TemplateSyntaxError, so a definition is refused at load). */
export function parseTemplate(template: string): TemplateNode[] {
  const parser = new Parser(splitTemplate(template));
  return parser.list([]).nodes;
}
