// The 3x3, stride-1, pad-1 convolution (NHWC) of ConvNet-D3 on the host backends, one sample at
// a time, built to WebAssembly SIMD by build.sh (conv-kernel.ts runs it):
//   forward:  y[i][j][o] = b[o] + sum over p, q, c of x[i+p-1][j+q-1][c] * w[p][q][c][o]
//             (also the input gradient: dy convolved with w rotated 180 degrees, in and out swapped)
//   filter gradient: dw[(p*3 + q)*cin + c][o] += sum over i, j of x[i+p-1][j+q-1][c] * dy[i][j][o]
// (x zero outside the image). Both im2col a band of pixels into the scratch area, then run 4x8
// register tiles over it. No libc, no allocation: the caller lays out every array in this
// module's memory (scratch_floats() says how much scratch).
// Two builds: plain SIMD128 (mul, then add) and relaxed SIMD (f32x4.relaxed_madd: a fused
// multiply-add where the CPU has one, which doubles the peak). Within one build and one machine
// the sums run in a fixed order, so results are identical run to run and at every thread count;
// the relaxed build may round differently on a CPU without FMA (design.md §5).
#include <wasm_simd128.h>

#ifdef RELAXED
#define MADD(a, b, c) wasm_f32x4_relaxed_madd(a, b, c)
#else
#define MADD(a, b, c) wasm_f32x4_add(c, wasm_f32x4_mul(a, b))
#endif

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
        acc0[r] = MADD(s, b0, acc0[r]);                                                       \
        acc1[r] = MADD(s, b1, acc1[r]);                                                       \
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

// Weights [taps][cout] packed per block of 8 output channels, [cout/8][taps][8], so a forward tile
// streams one contiguous block (taps * 32 bytes: 36 KB at 128 input channels) instead of a
// 32-byte piece of every row.
__attribute__((export_name("pack_weights"))) void pack_weights(const float *w, float *packed,
                                                                int taps, int cout) {
  const int o8 = cout - cout % 8;
  for (int o0 = 0; o0 < o8; o0 += 8)
    for (int t = 0; t < taps; t++)
      for (int u = 0; u < 8; u++) packed[(o0 / 8) * taps * 8 + t * 8 + u] = w[t * cout + o0 + u];
}

// y[k0 .. k0+R)[o0 .. o0+8) = bias + sum over t of cols[k][t] * w[t][o], from the packed block.
#define FTILE(R)                                                                              \
  static void ftile##R(const float *cols, const float *block, const float *bias, float *y,    \
                       int taps, int cout, int o0, int k0) {                                   \
    const v128_t z0 = bias ? wasm_v128_load(bias + o0) : wasm_f32x4_splat(0.0f);              \
    const v128_t z1 = bias ? wasm_v128_load(bias + o0 + 4) : wasm_f32x4_splat(0.0f);          \
    v128_t acc0[R], acc1[R];                                                                  \
    for (int r = 0; r < R; r++) acc0[r] = z0, acc1[r] = z1;                                   \
    for (int t = 0; t < taps; t++) {                                                          \
      const v128_t b0 = wasm_v128_load(block + t * 8), b1 = wasm_v128_load(block + t * 8 + 4); \
      for (int r = 0; r < R; r++) {                                                           \
        const v128_t s = wasm_v128_load32_splat(cols + (k0 + r) * taps + t);                  \
        acc0[r] = MADD(s, b0, acc0[r]);                                                       \
        acc1[r] = MADD(s, b1, acc1[r]);                                                       \
      }                                                                                       \
    }                                                                                         \
    for (int r = 0; r < R; r++) {                                                             \
      wasm_v128_store(y + (k0 + r) * cout + o0, acc0[r]);                                     \
      wasm_v128_store(y + (k0 + r) * cout + o0 + 4, acc1[r]);                                 \
    }                                                                                         \
  }
FTILE(1)
FTILE(4)

// Output channels past the last multiple of 8: plain scalar sums from the unpacked weights.
static void ftail(const float *cols, const float *w, const float *bias, float *y, int taps,
                  int cout, int o0, int count) {
  for (int k = 0; k < count; k++) {
    for (int o = o0; o < cout; o++) {
      float s = bias ? bias[o] : 0.0f;
      for (int t = 0; t < taps; t++) s += cols[k * taps + t] * w[t * cout + o];
      y[k * cout + o] = s;
    }
  }
}

// One sample's convolution. x: [h][w][cin]; w: [9*cin][cout] (and `packed`, from pack_weights);
// bias: [cout] or 0; y: [h][w][cout].
__attribute__((export_name("conv_sample"))) void
conv_sample(const float *x, const float *w, const float *packed, const float *bias, float *y,
            float *scratch, int h, int wd, int cin, int cout) {
  const int taps = 9 * cin, pixels = h * wd, o8 = cout - cout % 8, band = band_pixels(cin);
  for (int k0 = 0; k0 < pixels; k0 += band) {
    const int count = imin(band, pixels - k0);
    float *out = y + k0 * cout;
    im2col(x, scratch, h, wd, cin, k0, count);
    for (int o0 = 0; o0 < o8; o0 += 8) {
      const float *block = packed + (o0 / 8) * taps * 8;
      int k = 0;
      for (; k + 4 <= count; k += 4) ftile4(scratch, block, bias, out, taps, cout, o0, k);
      for (; k < count; k++) ftile1(scratch, block, bias, out, taps, cout, o0, k);
    }
    if (o8 < cout) ftail(scratch, w, bias, out, taps, cout, o8, count);
  }
}

// Peak of this engine's SIMD on one thread: `n` rounds of 12 independent f32x4 multiply-adds
// (MADD), 96 floating-point operations a round, enough chains to cover the multiply-add latency;
// the result keeps the work from being removed.
__attribute__((export_name("peak"))) float peak(int n, float a) {
  const v128_t m = wasm_f32x4_splat(a), c = wasm_f32x4_splat(0.999f);
  v128_t s[12];
  for (int j = 0; j < 12; j++) s[j] = wasm_f32x4_splat(a + (float)j);
  for (int i = 0; i < n; i++)
    for (int j = 0; j < 12; j++) s[j] = MADD(s[j], c, m);
  v128_t t = s[0];
  for (int j = 1; j < 12; j++) t = wasm_f32x4_add(t, s[j]);
  return wasm_f32x4_extract_lane(t, 0);
}
