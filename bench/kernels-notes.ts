/** The hand-written part of bench/kernels-results.md (appended after the measured tables). */
export const NOTES = `
## How the kernels are built

See \`src/runtime/kernels/\`. Forward convolutions (2D, and 3D as one 2D XNNPACK convolution over all
depth slices with the depth taps' filters side by side) and stride-1 input gradients (the same
routine on dy with the flipped, transposed filter) run on XNNPACK; filter gradients are one XNNPACK
GEMM per chunk, colᵀ · dy, with colᵀ built straight from the NDHWC input by a 6 KB wasm SIMD module
(\`simd/kernels.c\`, built by \`simd/build.sh\`) instantiated on the backend's own memory; strided
input gradients (transposed convolutions) are GEMM + col2im. SplitV, Concat, the bias-gradient Sum
and MaxPoolGrad, which the stock backend runs through a slow rank-5 transpose or gets wrong, are
strided copies / row sums / a scan in the same module.

## What would reach 50% of PyTorch's single thread

The step is now dominated by the GEMM-shaped convolution work (the profile above: forward, dx and dW
convolutions together are most of it), and XNNPACK's wasm SIMD128 GEMM peaks near the rate in the
matmul row: 128-bit vectors and no fused multiply-add, against PyTorch's AVX2/AVX-512 FMA. Numbers
for the next steps, in order of gain per effort:

1. **Data-parallel gradients over the machine's two cores** (two workers, each with its own wasm
   instance, computing the gradients of half the batch; the main thread averages and applies Adam).
   Convolution work splits exactly in half; the exchange is one copy of the weights' gradients per
   step (a few hundred KB for both models, well under a millisecond). Expected ≈ 1.8× the 1-thread
   rate, i.e. past 50% of PyTorch's single thread on both models (PyTorch's own 2-thread rate in the
   table is the fair comparison then).
2. **Relaxed SIMD** (\`f32x4.relaxed_madd\`, FMA) in the GEMM and im2col kernels: XNNPACK has
   relaxed-SIMD microkernels but tfjs 4.22 does not ship them; Node 20 needs a flag, Chrome ≥ 114
   has it. About 1.3–1.5× on the convolution share.
3. **Fusing** bias + ReLU into the convolutions (XNNPACK takes output min/max and a bias) and the
   ReLU gradient into the next dx: saves the memory-bound Add/Step/Multiply share of the profile.
4. **The small-channel layers** (8 channels at 32³ in the U-Net) run XNNPACK at a fraction of its
   peak (N = 8 columns). Processing two depth taps per call (already done for the forward pass)
   also for dW would widen them.
`;
