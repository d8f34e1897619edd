// Key paths into parsed JSON, for the seeded manifest mutations (manifest-mutations.ts): read,
// set or delete the value at a path, list every path of a value, and spell a path as the manifest
// validator names fields.

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type Obj = { [key: string]: Json };
/** A key path into a JSON value, e.g. ['files', 'images', 'bytes'] or ['classes', 1]. */
export type Path = ReadonlyArray<string | number>;

/** A path as the validator spells it: files.images.bytes, classes[1]. */
export const show = (p: Path): string =>
  p.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? k : `.${k}`)).join('');

/** The value at `p`, or undefined where the path leaves the value. */
export function get(o: Json, p: Path): Json | undefined {
  let v: Json | undefined = o;
  for (const k of p) v = v === null || typeof v !== 'object' ? undefined : (v as Obj)[k];
  return v;
}

/** Sets the value at `p` (its parent must exist); undefined deletes it (splices an array entry). */
export function set(o: Json, p: Path, value: Json | undefined): void {
  const parent = get(o, p.slice(0, -1)) as Obj;
  const key = p[p.length - 1]!;
  if (value === undefined) {
    if (Array.isArray(parent)) parent.splice(key as number, 1);
    else delete parent[key];
  } else parent[key] = value;
}

/** Every path in `o` (containers and leaves), in document order. */
export function allPaths(o: Json, prefix: Path = []): Path[] {
  const out: Path[] = [];
  if (o === null || typeof o !== 'object') return out;
  const entries: Array<[string | number, Json]> = Array.isArray(o)
    ? o.map((v, i) => [i, v])
    : Object.entries(o);
  for (const [k, v] of entries) {
    const p = [...prefix, k];
    out.push(p, ...allPaths(v, p));
  }
  return out;
}

/** JSON's name for the type of `v`: null, array, object, string, number or boolean. */
export function jsonType(v: Json | undefined): string {
  return v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v;
}
