/** Instants in summary lines: `2022-10-28 11:00 UTC` (seconds only when not zero). */
export function formatInstant(instant: Date | string): string {
  const iso = typeof instant === 'string' ? instant : instant.toISOString();
  const seconds = iso.slice(17, 19) === '00' ? '' : iso.slice(16, 19);
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}${seconds} UTC`;
}
