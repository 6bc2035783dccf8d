import { useEffect, useRef } from 'react';

/**
 * One image (H × W × C, or a middle slice of D × H × W × C) drawn into a small canvas, stretched to its
 * own range; optional masks drawn over it (true in green, predicted in red). With `channel`, that one
 * channel in grey (a modality of a multi-channel scan); without, RGB for three channels, else the first.
 */
export function Thumbnail({ data, shape, size = 64, slice, channel, truthMask, predMask, title }: { data: Float32Array; shape: number[]; size?: number; slice?: number; channel?: number | undefined; truthMask?: Uint8Array; predMask?: Uint8Array; title?: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const is3d = shape.length === 4;
  const [h, w, c] = is3d ? [shape[1]!, shape[2]!, shape[3]!] : [shape[0]!, shape[1]!, shape[2] ?? 1];
  useEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const z = is3d ? Math.min(shape[0]! - 1, slice ?? Math.floor(shape[0]! / 2)) : 0;
    const base = z * h * w * c;
    let lo = Infinity;
    let hi = -Infinity;
    const grey = channel === undefined ? (c >= 3 ? null : 0) : Math.min(channel, c - 1);
    for (let i = 0; i < h * w * c; i++) {
      if (grey !== null && i % c !== grey) continue;
      const v = data[base + i]!;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    const span = hi > lo ? hi - lo : 1;
    const img = ctx.createImageData(w, h);
    for (let p = 0; p < h * w; p++) {
      const px = (k: number) => Math.round((255 * (data[base + p * c + Math.min(k, c - 1)]! - lo)) / span);
      let [r, g, b] = grey === null ? [px(0), px(1), px(2)] : [px(grey), px(grey), px(grey)];
      const m = z * h * w + p;
      if (truthMask?.[m]) [r, g, b] = [r * 0.5, g * 0.5 + 127, b * 0.5];
      if (predMask?.[m]) [r, g, b] = [r * 0.5 + 127, g * 0.5, b * 0.5];
      img.data.set([r, g, b, 255], p * 4);
    }
    canvas.width = w;
    canvas.height = h;
    ctx.putImageData(img, 0, 0);
  }, [data, shape, h, w, c, is3d, slice, channel, truthMask, predMask]);
  return <canvas ref={ref} className="thumb" title={title} style={{ width: size, height: (size * h) / w, imageRendering: 'pixelated' }} />;
}
