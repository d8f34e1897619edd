// Limits on parsed JSON (manifest.json, scores.json) checked before anything else looks at it:
// nesting depth (code that walks a value recursively, such as JSON.stringify, structured clone
// or a pretty-printer, overflows the stack on a 5,000-deep array) and string length (of values
// and keys). The walk is iterative, so it cannot overflow itself, and it names the first value
// (in document order) that breaks a limit by its key path, e.g. `scoring.params.curve[0][3]`.

/** Most nested arrays and objects, the outermost counted as 1 (the manifest needs about 5). */
export const MAX_JSON_DEPTH = 32;
/** Longest string value or key, in UTF-16 code units (the longest manifest string is a command). */
export const MAX_JSON_STRING = 10_000;

export interface JsonLimits {
  readonly depth: number;
  readonly string: number;
}

export const JSON_LIMITS: JsonLimits = { depth: MAX_JSON_DEPTH, string: MAX_JSON_STRING };

/** The first value beyond a limit: its key path ('' for the root) and what is wrong. */
export interface JsonLimitViolation {
  readonly path: string;
  readonly detail: string;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `parent.key`, or `parent["odd key"]` (long keys shortened) for keys that are not identifiers. */
function keyPath(parent: string, key: string): string {
  if (IDENTIFIER.test(key) && key.length <= 64) return parent === '' ? key : `${parent}.${key}`;
  const shown = key.length <= 64 ? key : `${key.slice(0, 61)}...`;
  return `${parent}[${JSON.stringify(shown)}]`;
}

/** Walk `value` (parsed JSON) and return the first violation of `limits`, or undefined. */
export function findJsonLimitViolation(
  value: unknown,
  limits: JsonLimits = JSON_LIMITS,
): JsonLimitViolation | undefined {
  const tooLong = (path: string, what: string, length: number): JsonLimitViolation => ({
    path,
    detail: `${what} of ${length} characters, more than the ${limits.string} allowed`,
  });
  if (typeof value === 'string' && value.length > limits.string)
    return tooLong('', 'is a string', value.length);
  // Depth-first, children pushed last-first, so values are checked in document order; a long
  // string or key goes on the stack as its violation, to be reported only once everything
  // before it has been checked.
  type Item =
    | { readonly value: object; readonly path: string; readonly depth: number }
    | { readonly violation: JsonLimitViolation };
  const stack: Item[] = [];
  if (typeof value === 'object' && value !== null) stack.push({ value, path: '', depth: 1 });
  while (stack.length > 0) {
    const item = stack.pop()!;
    if ('violation' in item) return item.violation;
    const { value: node, path, depth } = item;
    if (depth > limits.depth) {
      return { path, detail: `nests deeper than ${limits.depth} levels of arrays and objects` };
    }
    const children: Item[] = [];
    const visit = (child: unknown, childPath: () => string): boolean => {
      if (typeof child === 'string' && child.length > limits.string) {
        children.push({ violation: tooLong(childPath(), 'is a string', child.length) });
        return false;
      }
      if (typeof child === 'object' && child !== null) {
        children.push({ value: child, path: childPath(), depth: depth + 1 });
      }
      return true;
    };
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) if (!visit(node[i], () => `${path}[${i}]`)) break;
    } else {
      for (const [key, child] of Object.entries(node)) {
        if (key.length > limits.string) {
          children.push({ violation: tooLong(keyPath(path, key), 'has a key', key.length) });
          break;
        }
        if (!visit(child, () => keyPath(path, key))) break;
      }
    }
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return undefined;
}

/** A short, bounded description of a JSON value for an error message. */
export function describeJsonValue(v: unknown, max = 40): string {
  if (typeof v === 'string') {
    return JSON.stringify(v.length <= max ? v : `${v.slice(0, max)}...`);
  }
  if (Array.isArray(v)) return `an array of ${v.length}`;
  if (typeof v === 'object' && v !== null) return 'an object';
  return String(v);
}
