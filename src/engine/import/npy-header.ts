// The header of a NumPy .npy file: a Python dict literal such as
// `{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }`, parsed here as data with a strict
// little grammar (quoted strings, True/False, tuples of integers), never evaluated. It must hold
// exactly the three keys NumPy writes, each once: a duplicated key is refused by name, as reading
// either copy could disagree with NumPy or with the other copy (numpy.load keeps the last).
import { ImportError } from '../errors';
import { parseDescr } from './dtype-names';
import type { DType } from './ndarray';

export interface NpyHeader {
  readonly dtype: DType;
  readonly littleEndian: boolean;
  readonly fortranOrder: boolean;
  readonly shape: number[];
}

type Value = string | boolean | number[];

const KEYS = ['descr', 'fortran_order', 'shape'] as const;

/** A cursor over the header text; `fail` names the file and the position. */
class Text {
  at = 0;
  constructor(
    readonly file: string,
    readonly s: string,
  ) {}

  fail(detail: string): ImportError {
    return new ImportError(
      this.file,
      `.npy header is not understood (${detail} at character ${this.at}): ${this.s.slice(0, 120)}`,
    );
  }

  ws(): void {
    while (this.at < this.s.length && /\s/.test(this.s[this.at]!)) this.at++;
  }

  eat(ch: string): boolean {
    this.ws();
    if (this.s[this.at] !== ch) return false;
    this.at++;
    return true;
  }

  expect(ch: string): void {
    if (!this.eat(ch)) throw this.fail(`expected "${ch}"`);
  }

  string(): string {
    this.ws();
    const q = this.s[this.at];
    if (q !== "'" && q !== '"') throw this.fail('expected a quoted string');
    const end = this.s.indexOf(q, this.at + 1);
    if (end < 0) throw this.fail('an unterminated string');
    const out = this.s.slice(this.at + 1, end);
    if (out.includes('\\')) throw this.fail('an escaped string');
    this.at = end + 1;
    return out;
  }

  value(): Value {
    this.ws();
    const rest = this.s.slice(this.at);
    for (const [word, v] of [
      ['True', true],
      ['False', false],
    ] as const) {
      if (rest.startsWith(word)) {
        this.at += word.length;
        return v;
      }
    }
    if (this.eat('(')) {
      const items: number[] = [];
      while (!this.eat(')')) {
        this.ws();
        const m = /^(\d+)L?/.exec(this.s.slice(this.at));
        if (!m) throw this.fail('expected a size');
        items.push(Number(m[1]));
        this.at += m[0].length;
        if (!this.eat(',')) {
          this.expect(')');
          break;
        }
      }
      return items;
    }
    if (this.s[this.at] === '[') throw this.fail('a structured dtype (a list of fields)');
    return this.string();
  }
}

/** The header's fields, or a named error: a key missing, unknown, duplicated or of the wrong type. */
export function parseNpyHeader(file: string, header: string): NpyHeader {
  const t = new Text(file, header);
  const seen = new Map<string, Value>();
  t.expect('{');
  while (!t.eat('}')) {
    const key = t.string();
    t.expect(':');
    const value = t.value();
    if (seen.has(key)) {
      throw new ImportError(
        file,
        `.npy header names '${key}' twice; refused, as NumPy would read the last one and this reader cannot know which was meant`,
      );
    }
    seen.set(key, value);
    if (!t.eat(',')) {
      t.expect('}');
      break;
    }
  }
  t.ws();
  if (t.at !== header.length) throw t.fail('text after the dict');
  const extra = [...seen.keys()].filter((k) => !(KEYS as readonly string[]).includes(k));
  const missing = KEYS.filter((k) => !seen.has(k));
  if (extra.length > 0 || missing.length > 0) {
    throw new ImportError(
      file,
      `.npy header keys are ${[...seen.keys()].join(', ') || 'none'}; NumPy writes exactly descr, fortran_order and shape`,
    );
  }
  const descr = seen.get('descr');
  const fortran = seen.get('fortran_order');
  const shape = seen.get('shape');
  if (typeof descr !== 'string' || typeof fortran !== 'boolean' || !Array.isArray(shape)) {
    throw new ImportError(file, `.npy header fields have the wrong types: ${header.slice(0, 120)}`);
  }
  return { ...parseDescr(file, descr), fortranOrder: fortran, shape };
}
