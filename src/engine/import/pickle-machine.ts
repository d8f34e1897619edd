// The state of the safe pickle reader (pickle.ts): its stack, MARKs and memo, with every bound of
// IMPORT_LIMITS enforced where a value is pushed, stored or put into a container. Kept apart from
// the opcode loop so that each stays short.
import { ImportError, type ImportProblem } from '../errors';
import { ByteCursor, decodeLatin1, importUtf8 } from './cursor';
import { IMPORT_LIMITS } from './limits';
import { PickleDict, PickleTuple, describePickle, type PickleValue } from './pickle-types';

const L = IMPORT_LIMITS;

export class PickleMachine {
  readonly c: ByteCursor;
  stack: PickleValue[] = [];
  readonly marks: PickleValue[][] = [];
  private readonly memo = new Map<number, PickleValue>();
  private readonly depth = new WeakMap<object, number>();
  /** The containers each object was put into. */
  private readonly parents = new WeakMap<object, object[]>();
  private items = 0;

  constructor(
    readonly file: string,
    bytes: Uint8Array,
    start: number,
  ) {
    this.c = new ByteCursor(file, bytes, start);
  }

  fail(detail: string, problem: ImportProblem = 'format'): ImportError {
    return new ImportError(this.file, `pickle at offset ${this.c.pos}: ${detail}`, problem);
  }

  /**
   * Record that `container` now holds `children`: bounds the item count and nesting. A container
   * filled after it was put inside another (through the memo: GET, then APPEND) deepens its
   * parents too, so depth is carried up every link.
   */
  private holds(container: object, children: readonly PickleValue[]): void {
    this.items += children.length;
    if (this.items > L.maxItems) throw this.fail(`more than ${L.maxItems} items`, 'limit');
    let d = this.depth.get(container) ?? 1;
    for (const ch of children) {
      if (typeof ch !== 'object' || ch === null || ch === container) continue;
      const links = this.parents.get(ch);
      if (links) links.push(container);
      else this.parents.set(ch, [container]);
      d = Math.max(d, (this.depth.get(ch) ?? 1) + 1);
    }
    this.deepen(container, d);
  }

  /**
   * Set `node`'s depth to at least `d`, and its ancestors' to match. A container may hold itself
   * (through the memo, as Python's pickle allows): each ancestor is visited once per call, so a
   * cycle is walked once, not deepened for ever. Depths only grow and are capped, so the work is
   * bounded by maxDepth × the links made.
   */
  private deepen(node: object, d: number): void {
    const todo: [object, number][] = [[node, d]];
    const seen = new Set<object>();
    while (todo.length > 0) {
      const [n, depth] = todo.pop()!;
      if (seen.has(n) || (this.depth.get(n) ?? 0) >= depth) continue;
      seen.add(n);
      if (depth > L.maxDepth) {
        throw this.fail(`nesting deeper than ${L.maxDepth} levels`, 'limit');
      }
      this.depth.set(n, depth);
      for (const p of this.parents.get(n) ?? []) todo.push([p, depth + 1]);
    }
  }

  push(v: PickleValue): void {
    if (this.stack.length >= L.maxItems) throw this.fail(`stack over ${L.maxItems}`, 'limit');
    this.stack.push(v);
  }

  pop(what: string): PickleValue {
    if (this.stack.length === 0) throw this.fail(`${what} on an empty stack`);
    return this.stack.pop()!;
  }

  top(what: string): PickleValue {
    if (this.stack.length === 0) throw this.fail(`${what} on an empty stack`);
    return this.stack[this.stack.length - 1]!;
  }

  mark(): void {
    if (this.marks.length >= L.maxDepth)
      throw this.fail(`MARKs deeper than ${L.maxDepth}`, 'limit');
    this.marks.push(this.stack);
    this.stack = [];
  }

  /** The values above the last MARK, which is removed. */
  popMark(what: string): PickleValue[] {
    const above = this.stack;
    const below = this.marks.pop();
    if (below === undefined) throw this.fail(`${what} without a MARK`);
    this.stack = below;
    return above;
  }

  tuple(values: PickleValue[]): PickleTuple {
    const t = new PickleTuple(values);
    this.holds(t, values);
    return t;
  }

  list(values: PickleValue[]): PickleValue[] {
    this.holds(values, values);
    return values;
  }

  /** Append `values` to the list on top of the stack. */
  append(values: PickleValue[], what: string): void {
    const l = this.top(what);
    if (!Array.isArray(l)) throw this.fail(`${what} on ${describePickle(l)}, not a list`);
    this.holds(l, values);
    for (const v of values) l.push(v);
  }

  /** Set key/value `pairs` in dict `d`. */
  setItems(d: PickleValue, pairs: PickleValue[], what: string): void {
    if (!(d instanceof PickleDict)) throw this.fail(`${what} on ${describePickle(d)}, not a dict`);
    if (pairs.length % 2 !== 0) throw this.fail(`${what} with an odd number of values`);
    this.holds(d, pairs);
    for (let i = 0; i < pairs.length; i += 2) d.set(pairs[i]!, pairs[i + 1]!);
  }

  text(n: number, what: string, utf8: boolean): string {
    if (n > L.maxStringBytes) throw this.fail(`${what} of ${n} bytes`, 'limit');
    const b = this.c.take(n, what);
    return utf8 ? importUtf8(this.file, b, what) : decodeLatin1(b);
  }

  bytes(n: number, what: string): Uint8Array {
    if (n > L.maxStringBytes) throw this.fail(`${what} of ${n} bytes`, 'limit');
    return this.c.take(n, what).slice();
  }

  /** A newline-ended line of at most 256 bytes (GLOBAL's module and name). */
  line(what: string): string {
    const end = this.c.bytes.indexOf(0x0a, this.c.pos);
    if (end < 0 || end - this.c.pos > 256) throw this.fail(`${what} is not a short line`);
    return importUtf8(this.file, this.c.take(end - this.c.pos + 1, what).subarray(0, -1), what);
  }

  /** A little-endian two's-complement integer of `n` bytes (LONG1, LONG4). */
  long(n: number): number | bigint {
    if (n > L.maxIntBytes) throw this.fail(`an integer of ${n} bytes`, 'limit');
    const b = this.c.take(n, 'LONG');
    let v = 0n;
    for (let i = n - 1; i >= 0; i--) v = (v << 8n) | BigInt(b[i]!);
    if (n > 0 && b[n - 1]! & 0x80) v -= 1n << BigInt(8 * n);
    const safe = v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER);
    return safe ? Number(v) : v;
  }

  memoPut(key: number): void {
    if (this.memo.size >= L.maxItems) throw this.fail(`memo over ${L.maxItems}`, 'limit');
    this.memo.set(key, this.top('memo put'));
  }

  memoNext(): number {
    return this.memo.size;
  }

  memoGet(key: number): void {
    const v = this.memo.get(key);
    if (v === undefined) throw this.fail(`memo key ${key} was never stored`);
    this.push(v);
  }
}
