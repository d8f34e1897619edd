// Test helper: make one registered tfjs kernel throw on its n-th call (a device or driver
// failure mid-training), run some code, then restore the original kernel whatever happened.
import * as tf from '@tensorflow/tfjs-core';

/** The error an injected kernel throws. */
export class InjectedKernelError extends Error {
  constructor(kernel: string, call: number) {
    super(`injected failure of ${kernel} on call ${call}`);
    this.name = 'InjectedKernelError';
  }
}

/**
 * Run `fn` while kernel `name` of `backend` throws InjectedKernelError on its `failOn`-th call
 * (1-based; calls before it run normally). Resolves to how many times the kernel was called.
 */
export async function withFailingKernel(
  name: string,
  backend: string,
  failOn: number,
  fn: () => Promise<void>,
): Promise<number> {
  const original = tf.getKernel(name, backend);
  if (!original) throw new Error(`no kernel ${name} registered for ${backend}`);
  let calls = 0;
  tf.unregisterKernel(name, backend);
  tf.registerKernel({
    ...original,
    kernelFunc: (args) => {
      calls += 1;
      if (calls === failOn) throw new InjectedKernelError(name, calls);
      return original.kernelFunc(args);
    },
  });
  try {
    await fn();
  } finally {
    tf.unregisterKernel(name, backend);
    tf.registerKernel(original);
  }
  return calls;
}
