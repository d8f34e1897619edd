// The whitelist of Python globals a torch.save file may name, and what each builds: storage types
// (torch.FloatStorage, …) only as markers inside persistent ids; torch._utils._rebuild_tensor_v2
// and _rebuild_parameter make a TensorRef (a view of a storage, filled in once the storages are
// read); collections.OrderedDict an empty dict (tensors carry one for their backward hooks); NumPy's
// scalar and dtype a plain number (DC/DSA result files store their accuracies as numpy.float64),
// with _codecs.encode for the scalar's bytes (protocol 2 spells bytes that way).
// Each handler checks its arguments and copies data; none calls anything.
import { ImportError } from '../errors';
import type { DecodeBudget } from './budget';
import { parseDescr } from './dtype-names';
import type { DType, NdArray } from './ndarray';
import { decodedBytes, elementCount, gather } from './ndarray';
import {
  PickleDict,
  PickleGlobal,
  PickleTuple,
  describePickle,
  type PickleBuilt,
  type PickleGlobalHandler,
  type PickleHooks,
  type PickleValue,
} from './pickle-types';

/** torch's legacy typed-storage classes, as persistent ids name them. */
export const STORAGE_DTYPES: Readonly<Record<string, DType>> = {
  'torch.FloatStorage': 'float32',
  'torch.DoubleStorage': 'float64',
  'torch.HalfStorage': 'float16',
  'torch.BFloat16Storage': 'bfloat16',
  'torch.LongStorage': 'int64',
  'torch.IntStorage': 'int32',
  'torch.ShortStorage': 'int16',
  'torch.CharStorage': 'int8',
  'torch.ByteStorage': 'uint8',
  'torch.BoolStorage': 'bool',
};

/** One storage of the file: `numel` elements of `dtype` under `key`. */
export class StorageRef implements PickleBuilt {
  readonly builtBy = 'persistent_load';
  constructor(
    readonly key: string,
    readonly dtype: DType,
    readonly numel: number,
  ) {}
}

/** A tensor: a strided view of a storage; `array` is set once its storage is read (torch.ts). */
export class TensorRef implements PickleBuilt {
  readonly builtBy = 'torch._utils._rebuild_tensor_v2';
  array: NdArray | undefined;
  constructor(
    readonly storage: StorageRef,
    readonly offset: number,
    readonly shape: readonly number[],
    readonly strides: readonly number[],
  ) {}
}

class NumpyDType implements PickleBuilt {
  readonly builtBy = 'numpy.dtype';
  constructor(
    readonly code: string,
    readonly order: string = '<',
  ) {}
}

const ints = (file: string, v: PickleValue, what: string): number[] => {
  const items = v instanceof PickleTuple ? v.items : undefined;
  if (!items || !items.every((x) => typeof x === 'number' && Number.isSafeInteger(x) && x >= 0)) {
    throw new ImportError(file, `${what} is ${describePickle(v)}, not a tuple of sizes`);
  }
  return items as number[];
};

/** The whitelist for one file; `tensors` collects every tensor the pickle rebuilds. */
export function torchGlobals(
  file: string,
  tensors: TensorRef[],
  budget: DecodeBudget,
): Record<string, PickleGlobalHandler> {
  const refuse = (name: string) => () => {
    throw new ImportError(file, `pickle calls ${name}, which this reader does not construct`);
  };
  const rebuildTensor = (args: readonly PickleValue[]): PickleValue => {
    const [storage, offset, size, stride] = args;
    if (!(storage instanceof StorageRef) || typeof offset !== 'number') {
      throw new ImportError(file, `_rebuild_tensor_v2 with ${describePickle(storage)}`);
    }
    const shape = ints(file, size ?? null, 'a tensor size');
    // Charged at its materialised size the moment it is declared, before any storage is read: a
    // stride-0 view of one element counts every element it would expand to.
    const what = `a ${storage.dtype} tensor in storage ${storage.key}`;
    const n = elementCount(file, shape, what);
    budget.charge(decodedBytes(storage.dtype, n), `${what} of size ${shape.join('×')}`);
    const t = new TensorRef(storage, offset, shape, ints(file, stride ?? null, 'a tensor stride'));
    tensors.push(t);
    return t;
  };
  const scalar = (args: readonly PickleValue[]): PickleValue => {
    const [dtype, raw] = args;
    if (!(dtype instanceof NumpyDType) || !(raw instanceof Uint8Array)) {
      throw new ImportError(file, 'numpy scalar without a dtype and its bytes');
    }
    const d = parseDescr(file, `${dtype.order}${dtype.code}`);
    const shape: number[] = [];
    const one = gather(file, raw, { ...d, shape, strides: [], offset: 0 }, 'a numpy scalar');
    return one.data[0]!;
  };
  const globals: Record<string, PickleGlobalHandler> = {
    'torch._utils._rebuild_tensor_v2': { call: rebuildTensor },
    'torch._utils._rebuild_parameter': {
      call: (args) => {
        if (!(args[0] instanceof TensorRef))
          throw new ImportError(file, 'a parameter without data');
        return args[0];
      },
    },
    'collections.OrderedDict': {
      call: (args) => {
        if (args.length > 0) throw new ImportError(file, 'OrderedDict with arguments');
        return new PickleDict();
      },
    },
    // Protocol 2 has no bytes opcode: Python 3 pickles bytes as _codecs.encode(text, 'latin1').
    '_codecs.encode': {
      call: ([text, encoding]) => {
        if (typeof text !== 'string' || encoding !== 'latin1') {
          throw new ImportError(file, '_codecs.encode other than of a string to latin1');
        }
        const out = new Uint8Array(text.length);
        for (let i = 0; i < text.length; i++) {
          const code = text.charCodeAt(i);
          if (code > 255) throw new ImportError(file, '_codecs.encode of a non-latin1 string');
          out[i] = code;
        }
        return out;
      },
    },
    'numpy.core.multiarray.scalar': { call: scalar },
    'numpy._core.multiarray.scalar': { call: scalar },
    'numpy.dtype': {
      call: ([code]) => {
        if (typeof code !== 'string') throw new ImportError(file, 'numpy.dtype without a code');
        return new NumpyDType(code);
      },
      build: (obj, state) => {
        const order = state instanceof PickleTuple ? state.items[1] : undefined;
        if (!(obj instanceof NumpyDType) || typeof order !== 'string') {
          throw new ImportError(file, 'numpy.dtype with an unexpected state');
        }
        return new NumpyDType(obj.code, order === '|' ? '<' : order);
      },
    },
  };
  for (const name of Object.keys(STORAGE_DTYPES)) globals[name] = { call: refuse(name) };
  return globals;
}

/** The persistent-id loader of torch.save: ('storage', StorageType, key, location, numel, …). */
export function torchPersistentLoad(file: string): NonNullable<PickleHooks['persistentLoad']> {
  const storages = new Map<string, StorageRef>();
  return (pid) => {
    const items = pid instanceof PickleTuple ? pid.items : [];
    const [tag, type, key, , numel] = items;
    const dtype = type instanceof PickleGlobal ? STORAGE_DTYPES[type.name] : undefined;
    if (tag !== 'storage' || dtype === undefined || typeof key !== 'string') {
      throw new ImportError(file, `persistent id ${describePickle(pid)} is not a torch storage`);
    }
    if (typeof numel !== 'number' || !Number.isSafeInteger(numel) || numel < 0) {
      throw new ImportError(file, `storage ${key} declares ${String(numel)} elements`);
    }
    const known = storages.get(key);
    if (known && (known.dtype !== dtype || known.numel !== numel)) {
      throw new ImportError(file, `storage ${key} is declared twice, differently`);
    }
    const ref = known ?? new StorageRef(key, dtype, numel);
    storages.set(key, ref);
    return ref;
  };
}
