import { describe, expect, it } from 'vitest';
import {
  AbortedError,
  BackendError,
  BundleError,
  SelectionError,
  throwIfAborted,
} from '../engine/errors';
import { CancelRegistry, createCancelFlag, raiseCancelFlag, signalWithFlag } from './cancel';
import { deserializeError, serializeError, toError } from './errors';

describe('errors across the worker boundary', () => {
  it('rebuild a BundleError with its file, problem and message', () => {
    const wire = structuredClone(
      serializeError(
        new BundleError('scores.json', 'score-count', 'lbpe has 7 entries, expected 8'),
      ),
    );
    const e = toError(wire);
    expect(e).toBeInstanceOf(BundleError);
    expect(e.message).toBe('scores.json: lbpe has 7 entries, expected 8');
    expect((e as BundleError).file).toBe('scores.json');
    expect((e as BundleError).problem).toBe('score-count');
  });

  it('rebuild backend, selection and abort errors, and plain errors', () => {
    const back = deserializeError(serializeError(new BackendError('webgpu', 'device lost')));
    expect(back).toBeInstanceOf(BackendError);
    expect(back.message).toBe('webgpu: device lost');
    expect(deserializeError(serializeError(new SelectionError('n too large')))).toBeInstanceOf(
      SelectionError,
    );
    expect(deserializeError(serializeError(new AbortedError()))).toBeInstanceOf(AbortedError);
    const plain = toError(serializeError(new TypeError('x is undefined')));
    expect(plain.message).toBe('x is undefined');
    expect(plain.name).toBe('TypeError');
    expect(toError(serializeError('just text')).message).toBe('just text');
  });
});

describe('cancellation', () => {
  it('aborts an open call by id, and remembers ids cancelled before they opened', () => {
    const reg = new CancelRegistry();
    const signal = reg.open(1, null);
    expect(signal.aborted).toBe(false);
    expect(reg.cancel(1)).toBe(true);
    expect(signal.aborted).toBe(true);
    expect(() => throwIfAborted(signal)).toThrow(AbortedError);
    reg.close(1);
    expect(reg.size).toBe(0);
    expect(reg.cancel(2)).toBe(false);
    expect(reg.open(2, null).aborted).toBe(true);
  });

  it('sees a raised shared flag without any message, and fires abort listeners', () => {
    const flag = createCancelFlag();
    expect(flag).not.toBeNull();
    const controller = new AbortController();
    const signal = signalWithFlag(controller, flag);
    let fired = 0;
    signal.addEventListener('abort', () => fired++);
    expect(signal.aborted).toBe(false);
    raiseCancelFlag(flag);
    expect(signal.aborted).toBe(true);
    expect(fired).toBe(1);
    expect(signal).toBeInstanceOf(AbortSignal);
  });
});
