/** An instant in the viewer's time zone with its offset, so a capture time is never ambiguous. */
export function formatTime(iso: string | null | undefined, timeZone?: string): string {
  if (!iso) return '–';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat('en-GB', {
    year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    fractionalSecondDigits: 3, timeZoneName: 'shortOffset', hour12: false, ...(timeZone ? { timeZone } : {}),
  }).format(date);
}
