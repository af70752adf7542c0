import { GraphError } from './graph-error.js';

// A small OData $filter reader: what sync clients send to Outlook collections.
//   singleValueExtendedProperties/Any(ep: ep/id eq '…' and ep/value eq '…')
//   iCalUId eq '…', type eq 'seriesMaster', start/dateTime ge '2025-01-01T00:00:00', contains(subject,'x')
// It is evaluated against the item as Graph renders it (in UTC), so paths are Graph property paths.

export type FilterExpression =
  | { kind: 'and' | 'or'; left: FilterExpression; right: FilterExpression }
  | { kind: 'not'; operand: FilterExpression }
  | { kind: 'compare'; operator: 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le'; path: string[]; value: unknown }
  | { kind: 'function'; name: 'contains' | 'startswith' | 'endswith'; path: string[]; value: string }
  | { kind: 'any'; path: string[]; variable: string; predicate: FilterExpression };

const invalidFilter = (detail: string) => new GraphError(400, 'BadRequest', `Invalid filter clause: ${detail}`);

type Token = { kind: 'word' | 'string' | 'number' | 'symbol'; text: string };

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  while (index < text.length) {
    const char = text[index]!;
    if (/\s/.test(char)) {
      index++;
    } else if (char === "'") {
      let value = '';
      index++;
      for (;;) {
        if (index >= text.length) throw invalidFilter('unterminated string literal');
        if (text[index] === "'" && text[index + 1] === "'") {
          value += "'";
          index += 2;
        } else if (text[index] === "'") {
          index++;
          break;
        } else {
          value += text[index++];
        }
      }
      tokens.push({ kind: 'string', text: value });
    } else if ('(),:'.includes(char)) {
      tokens.push({ kind: 'symbol', text: char });
      index++;
    } else {
      const match = /^[-+]?\d+(\.\d+)?(?![\w/])|^[A-Za-z_$@][\w/.$@-]*/.exec(text.slice(index));
      if (!match) throw invalidFilter(`unexpected '${char}'`);
      tokens.push({ kind: /^[-+\d]/.test(match[0]) ? 'number' : 'word', text: match[0] });
      index += match[0].length;
    }
  }
  return tokens;
}

class FilterParser {
  private position = 0;
  constructor(private readonly tokens: Token[]) {}

  parse(): FilterExpression {
    const expression = this.parseOr();
    if (this.position < this.tokens.length) throw invalidFilter(`unexpected '${this.tokens[this.position]!.text}'`);
    return expression;
  }

  private peek(): Token | undefined {
    return this.tokens[this.position];
  }

  private take(): Token {
    const token = this.tokens[this.position++];
    if (!token) throw invalidFilter('unexpected end of expression');
    return token;
  }

  private expectSymbol(symbol: string): void {
    const token = this.take();
    if (token.kind !== 'symbol' || token.text !== symbol) throw invalidFilter(`expected '${symbol}'`);
  }

  private isWord(word: string): boolean {
    const token = this.peek();
    return token?.kind === 'word' && token.text.toLowerCase() === word;
  }

  private parseOr(): FilterExpression {
    let left = this.parseAnd();
    while (this.isWord('or')) {
      this.take();
      left = { kind: 'or', left, right: this.parseAnd() };
    }
    return left;
  }

  private parseAnd(): FilterExpression {
    let left = this.parseUnary();
    while (this.isWord('and')) {
      this.take();
      left = { kind: 'and', left, right: this.parseUnary() };
    }
    return left;
  }

  private parseUnary(): FilterExpression {
    if (this.isWord('not')) {
      this.take();
      return { kind: 'not', operand: this.parseUnary() };
    }
    const token = this.peek();
    if (token?.kind === 'symbol' && token.text === '(') {
      this.take();
      const inner = this.parseOr();
      this.expectSymbol(')');
      return inner;
    }
    return this.parseTerm();
  }

  private parseTerm(): FilterExpression {
    const word = this.take();
    if (word.kind !== 'word') throw invalidFilter(`unexpected '${word.text}'`);
    const name = word.text.toLowerCase();
    if (name === 'contains' || name === 'startswith' || name === 'endswith') {
      this.expectSymbol('(');
      const path = this.take();
      this.expectSymbol(',');
      const value = this.take();
      this.expectSymbol(')');
      if (path.kind !== 'word' || value.kind !== 'string') throw invalidFilter(`${name} takes a property and a string`);
      return { kind: 'function', name, path: path.text.split('/'), value: value.text };
    }
    const anyMatch = /^(.*)\/any$/i.exec(word.text);
    if (anyMatch) {
      this.expectSymbol('(');
      const variable = this.take();
      this.expectSymbol(':');
      const predicate = this.parseOr();
      this.expectSymbol(')');
      return { kind: 'any', path: anyMatch[1]!.split('/'), variable: variable.text, predicate };
    }
    const operator = this.take();
    if (operator.kind !== 'word' || !['eq', 'ne', 'gt', 'ge', 'lt', 'le'].includes(operator.text.toLowerCase())) {
      throw invalidFilter(`expected a comparison after '${word.text}'`);
    }
    return {
      kind: 'compare',
      operator: operator.text.toLowerCase() as 'eq',
      path: word.text.split('/'),
      value: this.parseLiteral(),
    };
  }

  private parseLiteral(): unknown {
    const token = this.take();
    if (token.kind === 'string') return token.text;
    if (token.kind === 'number') return Number(token.text);
    if (token.kind === 'word' && ['true', 'false', 'null'].includes(token.text.toLowerCase())) {
      return JSON.parse(token.text.toLowerCase());
    }
    throw invalidFilter(`unexpected '${token.text}'`);
  }
}

export function parseFilter(text: string): FilterExpression {
  return new FilterParser(tokenize(text)).parse();
}

/** How two values compare for a path; extended property ids have their own rule (see event-filter). */
export type ValueComparer = (path: string[], left: unknown, right: unknown) => number;

const defaultComparer: ValueComparer = (_path, left, right) => {
  if (typeof left === 'string' && typeof right === 'string') {
    return left.toLowerCase() < right.toLowerCase() ? -1 : left.toLowerCase() > right.toLowerCase() ? 1 : 0;
  }
  if (left === right) return 0;
  if (typeof left === 'number' && typeof right === 'number') return left - right;
  return Number.NaN;
};

function valueAt(scope: Record<string, unknown>, path: string[]): unknown {
  let value: unknown = scope;
  for (const segment of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    const record = value as Record<string, unknown>;
    const key = Object.keys(record).find((candidate) => candidate.toLowerCase() === segment.toLowerCase());
    value = key === undefined ? undefined : record[key];
  }
  return value;
}

export function evaluateFilter(
  expression: FilterExpression,
  scope: Record<string, unknown>,
  compare: ValueComparer = defaultComparer,
): boolean {
  switch (expression.kind) {
    case 'and':
      return evaluateFilter(expression.left, scope, compare) && evaluateFilter(expression.right, scope, compare);
    case 'or':
      return evaluateFilter(expression.left, scope, compare) || evaluateFilter(expression.right, scope, compare);
    case 'not':
      return !evaluateFilter(expression.operand, scope, compare);
    case 'function': {
      const value = valueAt(scope, expression.path);
      if (typeof value !== 'string') return false;
      const [haystack, needle] = [value.toLowerCase(), expression.value.toLowerCase()];
      if (expression.name === 'contains') return haystack.includes(needle);
      return expression.name === 'startswith' ? haystack.startsWith(needle) : haystack.endsWith(needle);
    }
    case 'any': {
      const items = valueAt(scope, expression.path);
      if (!Array.isArray(items)) return false;
      return items.some((item) =>
        evaluateFilter(expression.predicate, { ...scope, [expression.variable]: item }, compare),
      );
    }
    case 'compare': {
      const order = compare(expression.path, valueAt(scope, expression.path), expression.value);
      switch (expression.operator) {
        case 'eq':
          return order === 0;
        case 'ne':
          return order !== 0;
        case 'gt':
          return order > 0;
        case 'ge':
          return order >= 0;
        case 'lt':
          return order < 0;
        case 'le':
          return order <= 0;
      }
    }
  }
}
