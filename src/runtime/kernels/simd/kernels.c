/*
 * Jimu's wasm SIMD helpers for the tfjs wasm backend. This module IMPORTS the backend's own linear
 * memory, so every pointer below is a byte offset of a tensor that tfjs allocated: nothing is copied
 * in or out. Rules that keep it from touching memory it does not own: no static data, no stack
 * (only scalar locals; build.sh checks the output has no data segment and never moves the stack
 * pointer), no libc (bulk-memory instructions for copies and fills).
 */
#include <wasm_simd128.h>

#define EXPORT(name) __attribute__((export_name(#name)))

static inline void copy_f32(float* dst, const float* src, int n) { __builtin_memcpy(dst, src, (unsigned long)n * 4); }
static inline void zero_f32(float* dst, int n) { __builtin_memset(dst, 0, (unsigned long)n * 4); }

/* out[c][p] = x[p][c]: a channels-last tensor (P positions x C channels) made channel-major. */
EXPORT(to_channel_major)
void to_channel_major(const float* x, float* out, int P, int C) {
  for (int p0 = 0; p0 < P; p0 += 64) {
    const int p1 = p0 + 64 < P ? p0 + 64 : P;
    for (int c = 0; c < C; c++) {
      float* o = out + (long)c * P;
      for (int p = p0; p < p1; p++) o[p] = x[(long)p * C + c];
    }
  }
}

/*
 * Transposed im2col for a 3D convolution (2D is D = 1): writes colT[k][r] for the output slices
 * s0 <= s < s1 (s = n*OD + od), r running over (s, oh, ow) and k over (kd, kh, kw, ci), the filter's
 * row order. xc is the input channel-major, [CI][N][D][H][W] (see to_channel_major), so each output
 * row is one contiguous copy at stride 1. Taps in the padding are 0.
 */
EXPORT(im2col_t)
void im2col_t(const float* xc, float* colT, int N, int D, int H, int W, int CI, int OD, int OH, int OW,
              int KD, int KH, int KW, int sd, int sh, int sw, int dd, int dh, int dw, int pf, int pt, int pl,
              int s0, int s1) {
  float* dst = colT;
  for (int kd = 0; kd < KD; kd++)
    for (int kh = 0; kh < KH; kh++)
      for (int kw = 0; kw < KW; kw++) {
        const int iw0 = kw * dw - pl;
        int lo = 0;
        while (lo < OW && lo * sw + iw0 < 0) lo++;
        int hi = OW;
        while (hi > lo && (hi - 1) * sw + iw0 >= W) hi--;
        for (int ci = 0; ci < CI; ci++)
          for (int s = s0; s < s1; s++) {
            const int n = s / OD;
            const int id = (s - n * OD) * sd + kd * dd - pf;
            for (int oh = 0; oh < OH; oh++, dst += OW) {
              const int ih = oh * sh + kh * dh - pt;
              if (id < 0 || id >= D || ih < 0 || ih >= H) {
                zero_f32(dst, OW);
                continue;
              }
              const float* src = xc + ((((long)ci * N + n) * D + id) * H + ih) * W + iw0;
              if (lo > 0) zero_f32(dst, lo);
              if (sw == 1) {
                copy_f32(dst + lo, src + lo, hi - lo);
              } else {
                for (int ow = lo; ow < hi; ow++) dst[ow] = src[ow * sw];
              }
              if (hi < OW) zero_f32(dst + hi, OW - hi);
            }
          }
      }
}

/* acc[i] += part[i] for i < n (partial GEMM results of successive chunks). */
EXPORT(add_into)
void add_into(float* acc, const float* part, int n) {
  int i = 0;
  for (; i + 4 <= n; i += 4) wasm_v128_store(acc + i, wasm_f32x4_add(wasm_v128_load(acc + i), wasm_v128_load(part + i)));
  for (; i < n; i++) acc[i] += part[i];
}

/* out[c] = sum over r of x[r*C + c]: the bias gradient (a Sum over every axis but the last). */
EXPORT(sum_rows)
void sum_rows(const float* x, float* out, int rows, int C) {
  zero_f32(out, C);
  if (C % 4 == 0) {
    for (int r = 0; r < rows; r++) {
      const float* row = x + (long)r * C;
      for (int c = 0; c < C; c += 4) wasm_v128_store(out + c, wasm_f32x4_add(wasm_v128_load(out + c), wasm_v128_load(row + c)));
    }
  } else {
    for (int r = 0; r < rows; r++)
      for (int c = 0; c < C; c++) out[c] += x[(long)r * C + c];
  }
}

/* rows copies of len floats from src (stride srcStride) to dst (stride dstStride): Concat and SplitV. */
EXPORT(copy_rows)
void copy_rows(const float* src, float* dst, int rows, int len, int srcStride, int dstStride) {
  for (int r = 0; r < rows; r++) copy_f32(dst + (long)r * dstStride, src + (long)r * srcStride, len);
}

/*
 * Max-pooling gradient (3D; 2D is D = 1): dx receives dy at the first maximum of each window in
 * scan order (tfjs' cpu semantics). dx is zeroed here. No dilation (pooling has none in Keras).
 */
EXPORT(max_pool_grad)
void max_pool_grad(const float* x, const float* dy, float* dx, int N, int D, int H, int W, int C,
                   int OD, int OH, int OW, int fd, int fh, int fw, int sd, int sh, int sw, int pf, int pt, int pl) {
  zero_f32(dx, N * D * H * W * C);
  const float* g = dy;
  for (int n = 0; n < N; n++)
    for (int od = 0; od < OD; od++) {
      const int d0 = od * sd - pf;
      const int dlo = d0 < 0 ? 0 : d0, dhi = d0 + fd > D ? D : d0 + fd;
      for (int oh = 0; oh < OH; oh++) {
        const int h0 = oh * sh - pt;
        const int hlo = h0 < 0 ? 0 : h0, hhi = h0 + fh > H ? H : h0 + fh;
        for (int ow = 0; ow < OW; ow++, g += C) {
          const int w0 = ow * sw - pl;
          const int wlo = w0 < 0 ? 0 : w0, whi = w0 + fw > W ? W : w0 + fw;
          if (dlo >= dhi || hlo >= hhi || wlo >= whi) continue;
          const long first = ((((long)n * D + dlo) * H + hlo) * W + wlo) * C;
          int c = 0;
          /* Four channels at a time: the running max and the pixel offset it came from, per lane. */
          for (; c + 4 <= C; c += 4) {
            v128_t best = wasm_v128_load(x + first + c);
            v128_t at = wasm_i32x4_splat((int)first);
            for (int id = dlo; id < dhi; id++)
              for (int ih = hlo; ih < hhi; ih++) {
                const long row = (((long)n * D + id) * H + ih) * W;
                for (int iw = wlo; iw < whi; iw++) {
                  const long i = (row + iw) * C;
                  const v128_t v = wasm_v128_load(x + i + c);
                  const v128_t gt = wasm_f32x4_gt(v, best);
                  best = wasm_v128_bitselect(v, best, gt);
                  at = wasm_v128_bitselect(wasm_i32x4_splat((int)i), at, gt);
                }
              }
            dx[wasm_i32x4_extract_lane(at, 0) + c + 0] += g[c + 0];
            dx[wasm_i32x4_extract_lane(at, 1) + c + 1] += g[c + 1];
            dx[wasm_i32x4_extract_lane(at, 2) + c + 2] += g[c + 2];
            dx[wasm_i32x4_extract_lane(at, 3) + c + 3] += g[c + 3];
          }
          for (; c < C; c++) {
            long at = -1;
            float best = 0;
            for (int id = dlo; id < dhi; id++)
              for (int ih = hlo; ih < hhi; ih++) {
                const long row = (((long)n * D + id) * H + ih) * W;
                for (int iw = wlo; iw < whi; iw++) {
                  const long i = (row + iw) * C + c;
                  if (at < 0 || x[i] > best) { best = x[i]; at = i; }
                }
              }
            dx[at] += g[c];
          }
        }
      }
    }
}

/*
 * The depth taps of a 3D convolution run as one 2D convolution with KD*CO output channels over all
 * N*D input slices (t: [N*D][pix][KD][CO]); this sums them into out [N][OD][pix][CO]:
 * out[n][od] = sum over kd of t[n][od*sd + kd*dd - pf][.][kd][.] (slices in the padding add nothing).
 */
EXPORT(sum_depth_taps)
void sum_depth_taps(const float* t, float* out, int N, int D, int OD, int pix, int KD, int CO, int sd, int dd, int pf) {
  zero_f32(out, N * OD * pix * CO);
  for (int n = 0; n < N; n++)
    for (int od = 0; od < OD; od++) {
      float* o = out + ((long)n * OD + od) * pix * CO;
      for (int kd = 0; kd < KD; kd++) {
        const int id = od * sd + kd * dd - pf;
        if (id < 0 || id >= D) continue;
        const float* s = t + ((long)n * D + id) * pix * KD * CO + kd * CO;
        if (CO % 4 == 0) {
          for (int p = 0; p < pix; p++)
            for (int co = 0; co < CO; co += 4) {
              float* op = o + (long)p * CO + co;
              wasm_v128_store(op, wasm_f32x4_add(wasm_v128_load(op), wasm_v128_load(s + (long)p * KD * CO + co)));
            }
        } else {
          for (int p = 0; p < pix; p++)
            for (int co = 0; co < CO; co++) o[(long)p * CO + co] += s[(long)p * KD * CO + co];
        }
      }
    }
}
