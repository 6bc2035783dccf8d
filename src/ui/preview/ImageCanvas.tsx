import { useEffect, useRef } from 'react';

/** RGBA pixels (width × height × 4) on a canvas, drawn `size` CSS pixels wide, kept sharp. */
export function ImageCanvas({ pixels, width, height, size, label }: { pixels: Uint8ClampedArray; width: number; height: number; size: number; label: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = canvas.current?.getContext('2d');
    if (!ctx) return;
    const img = ctx.createImageData(width, height);
    img.data.set(pixels);
    ctx.putImageData(img, 0, 0);
  }, [pixels, width, height]);
  const scale = size / Math.max(width, height);
  return <canvas ref={canvas} width={width} height={height} style={{ width: Math.round(width * scale), height: Math.round(height * scale) }} aria-label={label} data-testid="preview-canvas" />;
}
