/** Percentiles and the shape every figure is printed in. */

/** Nearest-rank percentile (p in 0..100) of `values`. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) throw new Error("percentile of no values");
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export function ms(value: number): string {
  return `${value.toFixed(1)} ms`;
}

export function kib(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

/** One benchmark result: what was measured, the values, and how. */
export type Figure = { title: string; results: string[]; method: string };

export function printFigure(index: number, figure: Figure): void {
  console.log(`\n[${index}] ${figure.title}`);
  for (const line of figure.results) console.log(`    ${line}`);
  console.log(`    method: ${figure.method}`);
}
