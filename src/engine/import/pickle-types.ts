// The values the safe pickle reader (pickle.ts) produces, and the shape of a whitelisted global.
// Python lists become arrays; tuples, dicts and objects built by a whitelisted global get a class
// of their own so that a reader of the tree can tell them apart without guessing.

/** A Python tuple. */
export class PickleTuple {
  constructor(readonly items: readonly PickleValue[]) {}
}

/**
 * A Python dict (or OrderedDict), its entries in insertion order. Keys compare by value for
 * strings, numbers, bigints, booleans and None, by identity otherwise (a tuple key is its own
 * object); a Map from key to entry makes each insertion O(1), so a million keys take a moment.
 */
export class PickleDict {
  readonly entries: [PickleValue, PickleValue][] = [];
  private readonly index = new Map<PickleValue, number>();

  set(key: PickleValue, value: PickleValue): void {
    const at = this.index.get(key);
    if (at !== undefined) this.entries[at]![1] = value;
    else {
      this.index.set(key, this.entries.length);
      this.entries.push([key, value]);
    }
  }

  /** The value of a string or integer key. */
  get(key: string | number): PickleValue | undefined {
    const at = this.index.get(key);
    return at === undefined ? undefined : this.entries[at]![1];
  }

  keys(): PickleValue[] {
    return this.entries.map(([k]) => k);
  }
}

/** A reference to a whitelisted global (`module.name`), before REDUCE calls it. */
export class PickleGlobal {
  constructor(readonly name: string) {}
}

/**
 * An object a whitelisted global built (a storage, a tensor, a NumPy scalar…): `builtBy` names the
 * global, so BUILD can go back to it; what it holds is the global's business.
 */
export interface PickleBuilt {
  readonly builtBy: string;
}

export type PickleValue =
  | null
  | boolean
  | number
  | bigint
  | string
  | Uint8Array
  | PickleValue[]
  | PickleTuple
  | PickleDict
  | PickleGlobal
  | PickleBuilt;

/**
 * What a whitelisted global may do. `call` (REDUCE) gets the argument tuple's items and returns a
 * value; `build` (BUILD) applies a state to an object it built. Neither runs Python: each is a few
 * lines of TypeScript that copy data.
 */
export interface PickleGlobalHandler {
  call(args: readonly PickleValue[]): PickleValue;
  build?(obj: PickleValue, state: PickleValue): PickleValue;
}

/** How one pickle stream is read: its whitelist and its persistent-id loader (BINPERSID). */
export interface PickleHooks {
  readonly globals: Readonly<Record<string, PickleGlobalHandler>>;
  readonly persistentLoad?: (pid: PickleValue) => PickleValue;
}

export function isBuilt(v: PickleValue | undefined): v is PickleBuilt {
  return typeof v === 'object' && v !== null && 'builtBy' in v;
}

/** A short description of a value's type, for error messages. */
export function describePickle(v: PickleValue | undefined): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'None';
  if (Array.isArray(v)) return `a list of ${v.length}`;
  if (v instanceof PickleTuple) return `a tuple of ${v.items.length}`;
  if (v instanceof PickleDict) return `a dict of ${v.entries.length}`;
  if (v instanceof Uint8Array) return `${v.length} bytes`;
  if (v instanceof PickleGlobal) return `the global ${v.name}`;
  if (isBuilt(v)) return `an object built by ${v.builtBy}`;
  return typeof v === 'string' ? 'a string' : typeof v;
}
