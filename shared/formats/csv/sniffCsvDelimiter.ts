const CANDIDATES = [',', ';', '\t', '|'] as const;

/**
 * Picks the delimiter from the header line: the candidate that occurs most often outside quotes.
 * Comma wins ties and is the answer for a one-column file. European spreadsheets write `;`,
 * and many logging tools write tabs, so guessing beats asking.
 */
export function sniffCsvDelimiter(sample: string): string {
  const firstLine = headerLine(sample.replace(/^\uFEFF/, ''));
  let best: string = ',';
  let bestCount = 0;
  for (const candidate of CANDIDATES) {
    let count = 0;
    let quoted = false;
    for (const ch of firstLine) {
      if (ch === '"') quoted = !quoted;
      else if (!quoted && ch === candidate) count++;
    }
    if (count > bestCount) {
      best = candidate;
      bestCount = count;
    }
  }
  return best;
}

/** The first record, which may span lines when a quoted header name holds a line break. */
function headerLine(text: string): string {
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) return text.slice(0, i);
  }
  return text;
}
