/** A small plot in SVG for views whose series share no x values (ROC curves, scatters). */
export interface PlotSeries {
  label: string;
  color: string;
  points: [number, number][];
  kind: 'line' | 'dots';
}

export interface PlotLine {
  /** Two points in data units, drawn dashed (a diagonal, a mean, limits of agreement). */
  from: [number, number];
  to: [number, number];
  color: string;
  label?: string;
}

const W = 300;
const H = 220;
const PAD = { l: 44, r: 10, t: 10, b: 34 };

function extent(values: number[], fixed?: [number, number]): [number, number] {
  if (fixed) return fixed;
  const finite = values.filter(Number.isFinite);
  let lo = Math.min(...finite);
  let hi = Math.max(...finite);
  if (!finite.length) [lo, hi] = [0, 1];
  if (lo === hi) [lo, hi] = [lo - 1, hi + 1];
  const m = (hi - lo) * 0.05;
  return [lo - m, hi + m];
}

const tick = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(2));

export function SvgPlot({ series, lines = [], xLabel, yLabel, xDomain, yDomain, testId }: { series: PlotSeries[]; lines?: PlotLine[]; xLabel: string; yLabel: string; xDomain?: [number, number]; yDomain?: [number, number]; testId?: string }) {
  const all = series.flatMap((s) => s.points);
  const [x0, x1] = extent([...all.map((p) => p[0]), ...lines.flatMap((l) => [l.from[0], l.to[0]])], xDomain);
  const [y0, y1] = extent([...all.map((p) => p[1]), ...lines.flatMap((l) => [l.from[1], l.to[1]])], yDomain);
  const sx = (x: number) => PAD.l + ((x - x0) / (x1 - x0)) * (W - PAD.l - PAD.r);
  const sy = (y: number) => H - PAD.b - ((y - y0) / (y1 - y0)) * (H - PAD.t - PAD.b);
  return (
    <figure className="svg-plot" data-testid={testId}>
      <svg viewBox={`0 0 ${W} ${H}`} width="100%" role="img" aria-label={`${yLabel} / ${xLabel}`}>
        <rect x={PAD.l} y={PAD.t} width={W - PAD.l - PAD.r} height={H - PAD.t - PAD.b} fill="#fafbfd" stroke="#d5dbe4" />
        {[x0, (x0 + x1) / 2, x1].map((v) => (
          <text key={`x${v}`} x={sx(v)} y={H - PAD.b + 13} fontSize="10" textAnchor="middle">
            {tick(v)}
          </text>
        ))}
        {[y0, (y0 + y1) / 2, y1].map((v) => (
          <text key={`y${v}`} x={PAD.l - 4} y={sy(v) + 3} fontSize="10" textAnchor="end">
            {tick(v)}
          </text>
        ))}
        <text x={(PAD.l + W - PAD.r) / 2} y={H - 4} fontSize="11" textAnchor="middle">
          {xLabel}
        </text>
        <text x={11} y={(PAD.t + H - PAD.b) / 2} fontSize="11" textAnchor="middle" transform={`rotate(-90 11 ${(PAD.t + H - PAD.b) / 2})`}>
          {yLabel}
        </text>
        {lines.map((l, i) => (
          <g key={i}>
            <line x1={sx(l.from[0])} y1={sy(l.from[1])} x2={sx(l.to[0])} y2={sy(l.to[1])} stroke={l.color} strokeDasharray="4 3" />
            {l.label ? (
              <text x={sx(l.to[0]) - 2} y={sy(l.to[1]) - 3} fontSize="9" textAnchor="end" fill={l.color}>
                {l.label}
              </text>
            ) : null}
          </g>
        ))}
        {series.map((s) =>
          s.kind === 'line' ? (
            <polyline key={s.label} fill="none" stroke={s.color} strokeWidth="2" points={s.points.map(([x, y]) => `${sx(x)},${sy(y)}`).join(' ')} />
          ) : (
            <g key={s.label} fill={s.color} fillOpacity="0.6">
              {s.points.map(([x, y], i) => (
                <circle key={i} cx={sx(x)} cy={sy(y)} r="2.5" />
              ))}
            </g>
          ),
        )}
      </svg>
      <figcaption className="plot-legend">
        {series.map((s) => (
          <span key={s.label}>
            <i style={{ background: s.color }} /> {s.label}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
