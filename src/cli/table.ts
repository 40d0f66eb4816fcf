/** What the listing commands print: aligned columns, and times to the second in UTC. */

export const isoSeconds = (date: Date | null | undefined) => (date ? date.toISOString().replace(/\.\d+Z$/, 'Z') : '-');

/** `header` over `rows`, each column as wide as its widest cell, two spaces apart. */
export function textTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  return [header, ...rows].map((row) => row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd()).join('\n');
}
