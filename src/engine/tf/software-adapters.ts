// Software GPU adapters (design.md §8): WebGPU or WebGL drawn by the CPU (SwiftShader, llvmpipe,
// WARP) is never the automatic backend, nor timed for it: one training step at width 128 can take
// minutes there, against well under a second on wasm. Chromium's SwiftShader WebGPU adapter reports
// `{ vendor: 'google', architecture: 'swiftshader', isFallbackAdapter: true }` (Debian Chromium
// 156), its WebGL renderer "ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) …))".
// A user can still force either (tf/backends.ts starts whatever is asked for).

/** Names that mark a software rasteriser in an adapter's or renderer's description. */
const SOFTWARE_NAMES =
  /\b(?:swiftshader|llvmpipe|softpipe|lavapipe|warp)\b|software|microsoft basic render/i;

/** What a WebGPU adapter says about itself (GPUAdapterInfo, and the older adapter flag). */
export interface AdapterInfo {
  readonly vendor?: string;
  readonly architecture?: string;
  readonly device?: string;
  readonly description?: string;
  readonly isFallbackAdapter?: boolean;
}

/** The software adapter's name when `info` describes one, else null. */
export function softwareAdapterName(info: AdapterInfo): string | null {
  const text = [info.vendor, info.architecture, info.device, info.description]
    .filter((s): s is string => typeof s === 'string' && s !== '')
    .join(' ');
  const named = SOFTWARE_NAMES.exec(text);
  if (named) return named[0].toLowerCase() === 'swiftshader' ? 'SwiftShader' : named[0];
  return info.isFallbackAdapter === true ? text || 'a fallback adapter' : null;
}

interface GpuProbe {
  requestAdapter(): Promise<
    (AdapterInfo & { info?: AdapterInfo; requestAdapterInfo?: () => Promise<AdapterInfo> }) | null
  >;
}

type GlContext = {
  getExtension(name: string): { UNMASKED_RENDERER_WEBGL: number } | null;
  getParameter(p: number): unknown;
  RENDERER: number;
};

/**
 * Why WebGPU here is a software adapter ("a software adapter (SwiftShader)"), or null when it is
 * hardware or cannot be told (no adapter: starting it will say so).
 */
export async function softwareWebGpu(): Promise<string | null> {
  const gpu = (globalThis as { navigator?: { gpu?: GpuProbe } }).navigator?.gpu;
  if (!gpu) return null;
  try {
    const adapter = await gpu.requestAdapter();
    if (!adapter) return null;
    const info = adapter.info ?? (await adapter.requestAdapterInfo?.()) ?? {};
    // GPUAdapterInfo's fields are getters on its prototype: read them one by one (a spread
    // copies none).
    const { vendor, architecture, device, description } = info;
    const fallback = info.isFallbackAdapter ?? adapter.isFallbackAdapter;
    const name = softwareAdapterName({
      ...(vendor !== undefined ? { vendor } : {}),
      ...(architecture !== undefined ? { architecture } : {}),
      ...(device !== undefined ? { device } : {}),
      ...(description !== undefined ? { description } : {}),
      isFallbackAdapter: fallback === true,
    });
    return name === null ? null : `a software adapter (${name})`;
  } catch {
    return null;
  }
}

/** Why WebGL here is a software renderer, or null when it is hardware or cannot be told. */
export function softwareWebGl(): string | null {
  const Canvas = (
    globalThis as {
      OffscreenCanvas?: new (w: number, h: number) => { getContext(k: string): unknown };
    }
  ).OffscreenCanvas;
  if (typeof Canvas !== 'function') return null;
  try {
    const canvas = new Canvas(1, 1);
    const gl = (canvas.getContext('webgl2') ?? canvas.getContext('webgl')) as GlContext | null;
    if (!gl) return null;
    const ext = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = String(gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
    const name = softwareAdapterName({ description: renderer });
    return name === null ? null : `a software renderer (${name})`;
  } catch {
    return null;
  }
}

/** Why `backend` runs in software here, or null (hardware, or not a GPU backend). */
export async function softwareReason(backend: string): Promise<string | null> {
  if (backend === 'webgpu') return softwareWebGpu();
  if (backend === 'webgl') return softwareWebGl();
  return null;
}
