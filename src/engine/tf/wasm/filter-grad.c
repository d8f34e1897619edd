// Filter gradient of a 3x3, stride-1, pad-1 convolution (NHWC), for one sample at a time:
//   dw[(p*3 + q)*cin + c][o] += sum over i, j of x[i+p-1][j+q-1][c] * dy[i][j][o]
// (x zero outside the image). Built to WebAssembly SIMD128 by build.sh; filter-grad-kernel.ts
// runs it.
// No libc, no allocation: the caller lays out x, dy, dw and a scratch area in this module's
// memory (scratch_floats() says how much). Plain mul + add, in a fixed order, so the result is
// the same on every engine and at every thread count (wasm has no fused multiply-add here).
#include <wasm_simd128.h>

// A band of pixels is im2col'd at once, then every tile streams it: its im2col rows (at most
// BAND_FLOATS floats, 288 KB) and dy rows stay in L2. Measured on ConvNet-D3's shapes: 64-pixel
// bands ran the 128-channel layer at 47 GFLOP/s, 256-pixel bands at 38.
#define BAND_FLOATS 73728
#define BAND_MAX 256

static inline int imin(int a, int b) { return a < b ? a : b; }
static inline int imax(int a, int b) { return a > b ? a : b; }

static int band_pixels(int cin) { return imax(1, imin(BAND_MAX, BAND_FLOATS / (9 * cin))); }

// cols[k][t] for the band's pixels k = 0..count-1 starting at pixel k0 (t = (p*3 + q)*cin + c).
static void im2col(const float *x, float *cols, int h, int w, int cin, int k0, int count) {
  const int taps = 9 * cin;
  for (int k = 0; k < count; k++) {
    const int i = (k0 + k) / w, j = (k0 + k) % w;
    float *row = cols + k * taps;
    for (int p = 0; p < 3; p++) {
      const int ii = i + p - 1;
      for (int q = 0; q < 3; q++) {
        const int jj = j + q - 1;
        float *dst = row + (p * 3 + q) * cin;
        if (ii < 0 || ii >= h || jj < 0 || jj >= w) {
          for (int c = 0; c < cin; c++) dst[c] = 0.0f;
        } else {
          const float *src = x + (ii * w + jj) * cin;
          for (int c = 0; c < cin; c++) dst[c] = src[c];
        }
      }
    }
  }
}

// dw[t0 .. t0+R)[o0 .. o0+8) += sum over k of cols[k][t] * dy[k][o], R taps at a time (R <= 4):
// R x 2 vector accumulators stay in registers for the whole band.
#define TILE(R)                                                                               \
  static void tile##R(const float *cols, const float *dy, float *dw, int taps, int cout,      \
                      int t0, int o0, int count) {                                            \
    v128_t acc0[R], acc1[R];                                                                  \
    for (int r = 0; r < R; r++) acc0[r] = acc1[r] = wasm_f32x4_splat(0.0f);                   \
    for (int k = 0; k < count; k++) {                                                         \
      const float *b = dy + k * cout + o0;                                                    \
      const v128_t b0 = wasm_v128_load(b), b1 = wasm_v128_load(b + 4);                        \
      const float *a = cols + k * taps + t0;                                                  \
      for (int r = 0; r < R; r++) {                                                           \
        const v128_t s = wasm_v128_load32_splat(a + r);                                       \
        acc0[r] = wasm_f32x4_add(acc0[r], wasm_f32x4_mul(s, b0));                             \
        acc1[r] = wasm_f32x4_add(acc1[r], wasm_f32x4_mul(s, b1));                             \
      }                                                                                       \
    }                                                                                         \
    for (int r = 0; r < R; r++) {                                                             \
      float *d = dw + (t0 + r) * cout + o0;                                                   \
      wasm_v128_store(d, wasm_f32x4_add(wasm_v128_load(d), acc0[r]));                         \
      wasm_v128_store(d + 4, wasm_f32x4_add(wasm_v128_load(d + 4), acc1[r]));                 \
    }                                                                                         \
  }
TILE(1)
TILE(2)
TILE(3)
TILE(4)

// Output channels past the last multiple of 8: plain scalar sums.
static void tail(const float *cols, const float *dy, float *dw, int taps, int cout, int o0,
                 int count) {
  for (int t = 0; t < taps; t++) {
    for (int o = o0; o < cout; o++) {
      float s = 0.0f;
      for (int k = 0; k < count; k++) s += cols[k * taps + t] * dy[k * cout + o];
      dw[t * cout + o] += s;
    }
  }
}

// Floats of scratch space filter_grad_sample needs for channel count cin.
__attribute__((export_name("scratch_floats"))) int scratch_floats(int cin) {
  return band_pixels(cin) * 9 * cin;
}

// Adds one sample's filter gradient to dw. x: [h][w][cin], dy: [h][w][cout], dw: [9*cin][cout].
__attribute__((export_name("filter_grad_sample"))) void
filter_grad_sample(const float *x, const float *dy, float *dw, float *scratch, int h, int w,
                   int cin, int cout) {
  const int taps = 9 * cin, pixels = h * w, o8 = cout - cout % 8, band = band_pixels(cin);
  for (int k0 = 0; k0 < pixels; k0 += band) {
    const int count = imin(band, pixels - k0);
    const float *band = dy + k0 * cout;
    im2col(x, scratch, h, w, cin, k0, count);
    for (int o0 = 0; o0 < o8; o0 += 8) {
      int t0 = 0;
      for (; t0 + 4 <= taps; t0 += 4) tile4(scratch, band, dw, taps, cout, t0, o0, count);
      switch (taps - t0) {
        case 3: tile3(scratch, band, dw, taps, cout, t0, o0, count); break;
        case 2: tile2(scratch, band, dw, taps, cout, t0, o0, count); break;
        case 1: tile1(scratch, band, dw, taps, cout, t0, o0, count); break;
      }
    }
    if (o8 < cout) tail(scratch, band, dw, taps, cout, o8, count);
  }
}
