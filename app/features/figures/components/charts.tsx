import type { ReactNode } from "react";
import type { Language } from "~/i18n/languages";
import { useLanguage, useTranslate } from "~/lib/use-language";
import { formatShare, type Count } from "../figures";
import { classOf, mapClasses, mapHeight, mapWidth, worldShapes } from "../world-map";

// Charts drawn on the server as SVG, readable without JavaScript: each is an image named by its
// caption (role="img", aria-labelledby), writes its values as text beside its marks (never colour
// alone), and comes with its data as a table. Colours have at least 4.5:1 against white.

export const chartColours = {
  ink: "#1b1f24",
  muted: "#4a5360",
  grid: "#c9d1da",
  /** This edition: solid line, filled bars. */
  current: "#0a3d62",
  /** The previous edition: dashed line, in another colour. */
  previous: "#a14a00",
  /** The choropleth's classes, light to dark, and countries without anyone. */
  classes: ["#c6dbef", "#8fbbe0", "#4f90c6", "#22649e", "#0a3d62"],
  none: "#f2f2f2",
  border: "#6b6b6b",
} as const;

const number = (value: number, language: Language) => value.toLocaleString(language);

/** The colour of class `level` of `classes`: the darkest last, so that a few classes stay far apart from "none". */
export function classColour(level: number, classes: number): string {
  if (level < 0) return chartColours.none;
  const palette = chartColours.classes;
  return palette[Math.max(0, palette.length - classes + level)] ?? chartColours.current;
}

/** A chart and its table of data, under one caption. */
export function Chart({ id, caption, chart, table }: { id: string; caption: string; chart: ReactNode; table: ReactNode }) {
  return (
    // Not a landmark: the region around its table already bears the same name.
    <section className="figures-chart">
      <h2 id={id}>{caption}</h2>
      <div className="figures-chart__image">{chart}</div>
      <div className="table-scroll figures-chart__data" role="region" aria-labelledby={`${id}-data`} tabIndex={0}>
        {table}
      </div>
    </section>
  );
}

/** A table of counts with their share of `total`: the data of a bar chart. */
export function CountTable({ id, caption, heading, rows, label, total }: { id: string; caption: string; heading: string; rows: readonly Count[]; label: (key: string) => string; total: number }) {
  const t = useTranslate();
  const language = useLanguage();
  return (
    <table className="figures">
      <caption id={id}>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{heading}</th>
          <th scope="col" className="number">
            {t("figures.count")}
          </th>
          <th scope="col" className="number">
            {t("figures.share")}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key}>
            <th scope="row">{label(row.key)}</th>
            <td className="number">{number(row.count, language)}</td>
            <td className="number">{formatShare(total === 0 ? 0 : row.count / total, language)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">{t("figures.total")}</th>
          <td className="number">{number(total, language)}</td>
          <td className="number">{formatShare(total === 0 ? 0 : 1, language)}</td>
        </tr>
      </tfoot>
    </table>
  );
}

export interface Bar {
  key: string;
  label: string;
  /** Length of the bar, from 0 to 1. */
  fraction: number;
  /** What is written at its end. */
  value: string;
}

/** Horizontal bars, each under its label and with its value written at its end: narrow enough for a phone. */
export function BarChart({ labelledBy, bars }: { labelledBy: string; bars: readonly Bar[] }) {
  const rowHeight = 44;
  const barsWidth = 300;
  const width = barsWidth + 140;
  const height = Math.max(1, bars.length) * rowHeight + 4;
  return (
    <svg role="img" aria-labelledby={labelledBy} viewBox={`0 0 ${width} ${height}`} width={width} height={height} className="figures-svg" fontSize="14" fontFamily="inherit">
      {bars.map((bar, index) => {
        const y = index * rowHeight;
        const length = Math.max(0, Math.min(1, bar.fraction)) * barsWidth;
        return (
          <g key={bar.key}>
            <text x={0} y={y + 14} fill={chartColours.ink}>
              {bar.label.length > 56 ? `${bar.label.slice(0, 55)}…` : bar.label}
            </text>
            <rect x={0} y={y + 20} width={barsWidth} height={16} fill="none" stroke={chartColours.grid} />
            <rect x={0} y={y + 20} width={length} height={16} fill={chartColours.current} />
            <text x={barsWidth + 8} y={y + 33} fill={chartColours.ink}>
              {bar.value}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/** Bars of counts, each as its share of the largest, written with its share of `total`. */
export function countBars(rows: readonly Count[], label: (key: string) => string, total: number, language: Language): Bar[] {
  const max = Math.max(1, ...rows.map((row) => row.count));
  return rows.map((row) => ({
    key: row.key,
    label: label(row.key),
    fraction: row.count / max,
    value: `${number(row.count, language)} (${formatShare(total === 0 ? 0 : row.count / total, language)})`,
  }));
}

/** Round steps for an axis running from 0 to at least `max`. */
function ticks(max: number, count = 5): number[] {
  if (max <= 0) return [0, 1];
  const rough = max / count;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((factor) => factor * magnitude).find((candidate) => candidate >= rough) ?? rough;
  const top = Math.ceil(max / step) * step;
  return Array.from({ length: Math.round(top / step) + 1 }, (_, index) => index * step);
}

export interface Series {
  label: string;
  values: readonly number[];
  dashed: boolean;
  colour: string;
}

/** Cumulative registrations by day since opening, one line per edition, with a legend in words. */
export function CumulativeChart({ labelledBy, series, axisDay, axisCount }: { labelledBy: string; series: readonly Series[]; axisDay: (day: number) => string; axisCount: string }) {
  const language = useLanguage();
  const width = 640;
  const height = 340;
  const margin = { top: 40, right: 24, bottom: 72, left: 64 };
  const days = Math.max(1, ...series.map((line) => line.values.length - 1));
  const yTicks = ticks(Math.max(1, ...series.flatMap((line) => line.values)));
  const yMax = yTicks.at(-1) ?? 1;
  const x = (day: number) => margin.left + (day / days) * (width - margin.left - margin.right);
  const y = (value: number) => height - margin.bottom - (value / yMax) * (height - margin.top - margin.bottom);
  const dayStep = days > 120 ? 28 : days > 60 ? 14 : 7;
  const xTicks = Array.from({ length: Math.floor(days / dayStep) + 1 }, (_, index) => index * dayStep);
  return (
    <svg role="img" aria-labelledby={labelledBy} viewBox={`0 0 ${width} ${height}`} width={width} height={height} className="figures-svg" fontSize="15" fontFamily="inherit">
      {yTicks.map((tick) => (
        <g key={`y${tick}`}>
          <line x1={margin.left} x2={width - margin.right} y1={y(tick)} y2={y(tick)} stroke={chartColours.grid} />
          <text x={margin.left - 8} y={y(tick)} textAnchor="end" dominantBaseline="middle" fill={chartColours.muted}>
            {number(tick, language)}
          </text>
        </g>
      ))}
      {xTicks.map((tick) => (
        <text key={`x${tick}`} x={x(tick)} y={height - margin.bottom + 18} textAnchor="middle" fill={chartColours.muted}>
          {axisDay(tick)}
        </text>
      ))}
      <line x1={margin.left} x2={width - margin.right} y1={y(0)} y2={y(0)} stroke={chartColours.ink} />
      <text x={margin.left - 56} y={margin.top - 20} fill={chartColours.muted}>
        {axisCount}
      </text>
      {series.map((line, index) => {
        const points = line.values.map((value, day) => `${x(day).toFixed(1)},${y(value).toFixed(1)}`).join(" ");
        const last = line.values.length - 1;
        const legendX = margin.left + 200 * index;
        const legendY = height - 16;
        return (
          <g key={line.label}>
            {line.values.length > 0 && (
              <>
                <polyline points={points} fill="none" stroke={line.colour} strokeWidth={line.dashed ? 2.5 : 3} strokeDasharray={line.dashed ? "8 5" : undefined} />
                <circle cx={x(last)} cy={y(line.values[last] ?? 0)} r="4" fill={line.dashed ? "#fff" : line.colour} stroke={line.colour} strokeWidth="2" />
                <text x={x(last)} y={y(line.values[last] ?? 0) - 10} textAnchor={last > days * 0.8 ? "end" : "middle"} fill={chartColours.ink} fontWeight="600">
                  {number(line.values[last] ?? 0, language)}
                </text>
              </>
            )}
            <line x1={legendX} x2={legendX + 36} y1={legendY} y2={legendY} stroke={line.colour} strokeWidth="3" strokeDasharray={line.dashed ? "8 5" : undefined} />
            <text x={legendX + 44} y={legendY} dominantBaseline="middle" fill={chartColours.ink}>
              {line.label}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/** The world, each country shaded by its registrations and named with its count in a <title>; the legend in words below. */
export function WorldMap({ labelledBy, counts, name, legendTitle }: { labelledBy: string; counts: readonly Count[]; name: (code: string) => string; legendTitle: string }) {
  const language = useLanguage();
  const t = useTranslate();
  const byCode = new Map(counts.map((row) => [row.key, row.count]));
  const classes = mapClasses(Math.max(0, ...counts.map((row) => row.count)));
  const legend = [
    { label: t("figures.map.none"), colour: chartColours.none },
    ...classes.map((bound, index) => {
      const from = index === 0 ? 1 : (classes[index - 1] ?? 0) + 1;
      return { label: from === bound ? number(bound, language) : `${number(from, language)}–${number(bound, language)}`, colour: classColour(index, classes.length) };
    }),
  ];
  return (
    <>
      <svg role="img" aria-labelledby={labelledBy} viewBox={`0 0 ${mapWidth} ${mapHeight}`} className="figures-svg figures-map">
        {worldShapes().map((shape, index) => {
          const count = shape.code ? (byCode.get(shape.code) ?? 0) : 0;
          return (
            <path key={shape.code ?? `shape-${index}`} d={shape.d} fill={classColour(classOf(count, classes), classes.length)} stroke={chartColours.border} strokeWidth="0.4">
              {shape.code && <title>{`${name(shape.code)}: ${number(count, language)}`}</title>}
            </path>
          );
        })}
      </svg>
      <p className="figures-legend">
        {legendTitle}{" "}
        {legend.map((entry) => (
          <span key={entry.label} className="figures-legend__entry">
            {/* Drawn, not styled: the site's CSP refuses inline styles. */}
            <svg width="20" height="16" aria-hidden="true" focusable="false">
              <rect x="0.5" y="0.5" width="19" height="15" fill={entry.colour} stroke={chartColours.border} />
            </svg>{" "}
            {entry.label}
          </span>
        ))}
      </p>
    </>
  );
}
