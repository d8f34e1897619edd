// A minimal, safe reader of Python pickles (protocols 2 to 5), for the files torch.save and NumPy
// write: it rebuilds lists, tuples, dicts, numbers, strings, bytes and the memo, and nothing that
// runs code. A GLOBAL is looked up in the caller's whitelist the moment it is read, and any other
// name (os.system, builtins.eval, …) is a 'global' ImportError: nothing is ever called. Every
// declared length is checked against the bytes left and IMPORT_LIMITS (pickle-machine.ts), each
// opcode consumes at least one byte, and nesting, stack, memo and item counts are bounded, so no
// input can hang it or exhaust memory.
import { ImportError } from '../errors';
import { PickleMachine } from './pickle-machine';
import {
  PickleDict,
  PickleGlobal,
  PickleTuple,
  describePickle,
  isBuilt,
  type PickleHooks,
  type PickleValue,
} from './pickle-types';

/** Names of the opcodes this reader refuses (as in Python's pickletools), for its errors. */
const REFUSED: Record<number, string> = {
  0x49: 'INT',
  0x4c: 'LONG',
  0x53: 'STRING',
  0x56: 'UNICODE',
  0x46: 'FLOAT',
  0x50: 'PERSID',
  0x69: 'INST',
  0x6f: 'OBJ',
  0x81: 'NEWOBJ',
  0x92: 'NEWOBJ_EX',
  0x82: 'EXT1',
  0x83: 'EXT2',
  0x84: 'EXT4',
  0x8f: 'EMPTY_SET',
  0x90: 'ADDITEMS',
  0x91: 'FROZENSET',
  0x96: 'BYTEARRAY8',
  0x97: 'NEXT_BUFFER',
  0x98: 'READONLY_BUFFER',
  0x70: 'PUT',
  0x67: 'GET',
};

export interface Unpickled {
  readonly value: PickleValue;
  /** Offset just past the STOP opcode (legacy torch files hold several pickles in a row). */
  readonly end: number;
}

/** Push a whitelisted global, or refuse the pickle naming the global (nothing is called). */
function pushGlobal(m: PickleMachine, hooks: PickleHooks, module: string, name: string): void {
  const key = `${module}.${name}`;
  if (!Object.hasOwn(hooks.globals, key)) {
    throw new ImportError(
      m.file,
      `pickle refers to the global ${key}, which is not allowed (allowed: ` +
        `${Object.keys(hooks.globals).join(', ')}); nothing was run`,
      'global',
    );
  }
  m.push(new PickleGlobal(key));
}

/** The opcodes that take one line to run (most push one value), by opcode; the others: `step`. */
const SIMPLE = new Map<number, (m: PickleMachine) => void>([
  [0x29, (m) => m.push(m.tuple([]))], // EMPTY_TUPLE
  [0x5d, (m) => m.push(m.list([]))], // EMPTY_LIST
  [0x7d, (m) => m.push(new PickleDict())], // EMPTY_DICT
  [0x74, (m) => m.push(m.tuple(m.popMark('TUPLE')))],
  [0x6c, (m) => m.push(m.list(m.popMark('LIST')))],
  [0x4a, (m) => m.push(m.c.i32('BININT'))],
  [0x4b, (m) => m.push(m.c.u8('BININT1'))],
  [0x4d, (m) => m.push(m.c.u16('BININT2'))],
  [0x8a, (m) => m.push(m.long(m.c.u8('LONG1')))],
  [0x8b, (m) => m.push(m.long(m.c.u32('LONG4')))],
  [0x47, (m) => m.push(m.c.f64be('BINFLOAT'))],
  [0x58, (m) => m.push(m.text(m.c.u32('BINUNICODE'), 'BINUNICODE', true))],
  [0x8c, (m) => m.push(m.text(m.c.u8('SHORT_BINUNICODE'), 'SHORT_BINUNICODE', true))],
  [0x8d, (m) => m.push(m.text(m.c.u64('BINUNICODE8'), 'BINUNICODE8', true))],
  [0x55, (m) => m.push(m.text(m.c.u8('SHORT_BINSTRING'), 'SHORT_BINSTRING', false))],
  [0x43, (m) => m.push(m.bytes(m.c.u8('SHORT_BINBYTES'), 'SHORT_BINBYTES'))],
  [0x42, (m) => m.push(m.bytes(m.c.u32('BINBYTES'), 'BINBYTES'))],
  [0x8e, (m) => m.push(m.bytes(m.c.u64('BINBYTES8'), 'BINBYTES8'))],
  [0x4e, (m) => m.push(null)], // NONE
  [0x88, (m) => m.push(true)], // NEWTRUE
  [0x89, (m) => m.push(false)], // NEWFALSE
  [0x32, (m) => m.push(m.top('DUP'))],
  [0x28, (m) => m.mark()], // MARK
  [0x61, (m) => m.append([m.pop('APPEND')], 'APPEND')],
  [0x65, (m) => m.append(m.popMark('APPENDS'), 'APPENDS')],
  [0x71, (m) => m.memoPut(m.c.u8('BINPUT'))],
  [0x72, (m) => m.memoPut(m.c.u32('LONG_BINPUT'))],
  [0x94, (m) => m.memoPut(m.memoNext())], // MEMOIZE
  [0x68, (m) => m.memoGet(m.c.u8('BINGET'))],
  [0x6a, (m) => m.memoGet(m.c.u32('LONG_BINGET'))],
  [0x30, (m) => void m.pop('POP')],
  [0x31, (m) => void m.popMark('POP_MARK')],
]);

/** Run one opcode; true at STOP. */
function step(m: PickleMachine, hooks: PickleHooks, op: number): boolean {
  const c = m.c;
  const simple = SIMPLE.get(op);
  if (simple) {
    simple(m);
    return false;
  }
  switch (op) {
    case 0x80: {
      const v = c.u8('PROTO');
      if (v > 5) throw m.fail(`protocol ${v} (this reader knows 2 to 5)`, 'unsupported');
      return false;
    }
    case 0x95: // FRAME: frames only group opcodes; its length must fit in the file
      c.need(c.u64('FRAME'), 'FRAME');
      return false;
    case 0x2e: // STOP
      if (m.marks.length > 0 || m.stack.length !== 1) {
        throw m.fail(`STOP with ${m.stack.length} values and ${m.marks.length} open MARKs`);
      }
      return true;
    case 0x85:
    case 0x86:
    case 0x87: {
      const n = op - 0x84;
      const items = Array.from({ length: n }, () => m.pop('TUPLEn')).reverse();
      m.push(m.tuple(items));
      return false;
    }
    case 0x64: {
      const d = new PickleDict();
      m.setItems(d, m.popMark('DICT'), 'DICT');
      m.push(d);
      return false;
    }
    case 0x73: {
      const v = m.pop('SETITEM');
      const k = m.pop('SETITEM');
      m.setItems(m.top('SETITEM'), [k, v], 'SETITEM');
      return false;
    }
    case 0x75: {
      const kv = m.popMark('SETITEMS');
      m.setItems(m.top('SETITEMS'), kv, 'SETITEMS');
      return false;
    }
    case 0x54: {
      const n = c.i32('BINSTRING');
      if (n < 0) throw m.fail(`BINSTRING of negative length ${n}`);
      m.push(m.text(n, 'BINSTRING', false));
      return false;
    }
    case 0x63: {
      const module = m.line('GLOBAL module');
      pushGlobal(m, hooks, module, m.line('GLOBAL name'));
      return false;
    }
    case 0x93: {
      const name = m.pop('STACK_GLOBAL');
      const module = m.pop('STACK_GLOBAL');
      if (typeof module !== 'string' || typeof name !== 'string') {
        throw m.fail('STACK_GLOBAL needs two strings');
      }
      pushGlobal(m, hooks, module, name);
      return false;
    }
    case 0x52: {
      const args = m.pop('REDUCE');
      const fn = m.pop('REDUCE');
      if (!(fn instanceof PickleGlobal)) throw m.fail(`REDUCE calls ${describePickle(fn)}`);
      if (!(args instanceof PickleTuple)) throw m.fail(`REDUCE with ${describePickle(args)}`);
      m.push(hooks.globals[fn.name]!.call(args.items));
      return false;
    }
    case 0x62: {
      const state = m.pop('BUILD');
      const obj = m.pop('BUILD');
      const handler = isBuilt(obj) ? hooks.globals[obj.builtBy] : undefined;
      if (!handler?.build) throw m.fail(`BUILD on ${describePickle(obj)}`, 'unsupported');
      m.push(handler.build(obj, state));
      return false;
    }
    case 0x51: {
      const pid = m.pop('BINPERSID');
      if (!hooks.persistentLoad) throw m.fail('a persistent id (BINPERSID) in a plain pickle');
      m.push(hooks.persistentLoad(pid));
      return false;
    }
    default:
      c.pos--;
      throw m.fail(
        `opcode 0x${op.toString(16).padStart(2, '0')} (${REFUSED[op] ?? 'unknown'}) is not supported`,
        'unsupported',
      );
  }
}

/** Read one pickle from `bytes` at `start`. */
export function unpickle(
  file: string,
  bytes: Uint8Array,
  hooks: PickleHooks,
  start = 0,
): Unpickled {
  const m = new PickleMachine(file, bytes, start);
  while (!step(m, hooks, m.c.u8('opcode')));
  return { value: m.stack[0]!, end: m.c.pos };
}
