import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { setThreadsCount, getThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import { createRequire } from 'node:module';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
const require = createRequire(import.meta.url);
const wasmDir = dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json'));
const mainScript = join(wasmDir, 'wasm-out', 'tfjs-backend-wasm-threaded-simd.js');
const { wasmWorkerContents } = require(join(wasmDir, 'wasm-out', 'tfjs-backend-wasm-threaded-simd.worker.js'));
const patched = (wasmWorkerContents as string).replace(/\n/g, '\\n').replace('var objectUrl=URL.createObjectURL(e.data.urlOrBlob);', `var objectUrl=${JSON.stringify(mainScript)};`).replace('URL.revokeObjectURL(objectUrl)', '0');
const dir = mkdtempSync(join(tmpdir(), 'tfjs-wasm-'));
const workerFile = join(dir, 'worker.cjs'); writeFileSync(workerFile, patched);
const orig = URL.createObjectURL;
URL.createObjectURL = ((b: Blob) => (b as Blob).type === 'application/javascript' ? workerFile : orig(b)) as typeof URL.createObjectURL;
async function main() {
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', true);
  setThreadsCount(Number(process.env.T ?? 2));
  await tf.setBackend('wasm'); await tf.ready();
  console.log('backend', tf.getBackend(), 'threads', getThreadsCount(), 'PThread' in (tf.backend() as any).wasm, (tf.backend() as any).wasm.PThread?.unusedWorkers?.length, (tf.backend() as any).wasm.PThread?.runningWorkers?.length);
  const x = tf.randomNormal([64,16,16,128]); const w = tf.randomNormal([3,3,128,128]);
  for (let i=0;i<3;i++) tf.conv2d(x as tf.Tensor4D,w as tf.Tensor4D,1,'same').dispose();
  let t=performance.now(); for (let i=0;i<10;i++) { const y=tf.conv2d(x as tf.Tensor4D,w as tf.Tensor4D,1,'same'); y.dataSync(); y.dispose(); }
  const dt=(performance.now()-t)/10; const flops=64*16*16*128*128*9*2; console.log('conv fwd ms', dt.toFixed(1), 'GFLOP/s', (flops/dt/1e6).toFixed(1));
  const a=tf.randomNormal([64*16*16, 1152]); const b=tf.randomNormal([1152,128]);
  t=performance.now(); for (let i=0;i<10;i++){const y=tf.matMul(a as tf.Tensor2D,b as tf.Tensor2D); y.dataSync(); y.dispose();}
  const dm=(performance.now()-t)/10; console.log('matmul ms', dm.toFixed(1), 'GFLOP/s', (flops/dm/1e6).toFixed(1));
  const at = tf.transpose(a); const d=tf.randomNormal([64*16*16,128]);
  t=performance.now(); for (let i=0;i<10;i++){const y=tf.matMul(at as tf.Tensor2D,d as tf.Tensor2D); y.dataSync(); y.dispose();}
  console.log('matmul [1152,16384]x[16384,128] ms', ((performance.now()-t)/10).toFixed(1));
  t=performance.now(); for (let i=0;i<10;i++){const y=tf.transpose(a); y.dataSync(); y.dispose();}
  console.log('transpose 16384x1152 ms', ((performance.now()-t)/10).toFixed(1));
  process.exit(0);
}
main();
