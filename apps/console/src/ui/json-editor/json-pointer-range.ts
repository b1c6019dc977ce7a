import type { syntaxTree } from '@codemirror/language';

/** CodeMirror's JSON syntax tree (Lezer), named through the package the console depends on. */
type Tree = ReturnType<typeof syntaxTree>;
type SyntaxNode = Tree['topNode'];

/** A span of the editor's text. */
export interface TextRange {
  from: number;
  to: number;
}

/** `#/proxy/listen_path` or `/proxy/listen_path` → `['proxy', 'listen_path']` (RFC 6901 escapes undone). */
export function pointerSegments(pointer: string): string[] {
  const body = pointer.replace(/^#/, '');
  if (body === '' || body === '/') return [];
  return body
    .slice(1)
    .split('/')
    .map((segment) => decodeURIComponent(segment).replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** The API names fields with dots (`proxy.target_list.0`); the editor locates them as JSON pointers. */
export function dottedPathToPointer(path: string): string {
  if (path === '') return '';
  return `/${path
    .split('.')
    .map((segment) => segment.replace(/~/g, '~0').replace(/\//g, '~1'))
    .join('/')}`;
}

function valueOf(node: SyntaxNode | null): SyntaxNode | null {
  // Inside a Property the value is the last child; punctuation and names are skipped.
  let child = node?.lastChild ?? null;
  while (child && (child.name === ':' || child.name === 'PropertyName' || child.type.isError)) {
    child = child.prevSibling;
  }
  return child;
}

function unquote(text: string): string {
  try {
    return JSON.parse(text) as string;
  } catch {
    return text.slice(1, -1);
  }
}

function childAt(
  node: SyntaxNode,
  segment: string,
  text: string,
): { key: SyntaxNode; value: SyntaxNode } | undefined {
  if (node.name === 'Object') {
    for (let property = node.firstChild; property; property = property.nextSibling) {
      if (property.name !== 'Property') continue;
      const name = property.getChild('PropertyName');
      if (name && unquote(text.slice(name.from, name.to)) === segment) {
        const value = valueOf(property);
        return value ? { key: name, value } : undefined;
      }
    }
  }
  if (node.name === 'Array' && /^\d+$/.test(segment)) {
    let index = Number(segment);
    for (let item = node.firstChild; item; item = item.nextSibling) {
      if (['[', ']', ','].includes(item.name) || item.type.isError) continue;
      if (index-- === 0) return { key: item, value: item };
    }
  }
  return undefined;
}

/**
 * Where a JSON pointer lands in the text: the property's name (or the array item) it names, or, when the
 * document has no such member (e.g. a required property is missing), the nearest enclosing value, so a
 * problem is always shown somewhere near its cause.
 */
export function rangeOfPointer(tree: Tree, text: string, pointer: string): TextRange {
  let node = tree.topNode.firstChild;
  if (!node) return { from: 0, to: Math.min(text.length, 1) };
  let range: TextRange = { from: node.from, to: node.name === 'Object' ? node.from + 1 : node.to };
  for (const segment of pointerSegments(pointer)) {
    const next: { key: SyntaxNode; value: SyntaxNode } | undefined = node
      ? childAt(node, segment, text)
      : undefined;
    if (!next) break;
    range = { from: next.key.from, to: next.key.to };
    node = next.value;
  }
  return range;
}
