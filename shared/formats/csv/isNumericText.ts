const NON_FINITE = /^\s*[+-]?(?:nan|inf|infinity)\s*$/i;

/**
 * A decimal number as sensors and pandas write them, including nan/inf markers. Number() does
 * the work (it runs for every cell of a large file), minus the forms it accepts that no CSV writer
 * means as numbers: empty text and 0x/0b/0o literals.
 */
export function isNumericText(text: string): boolean {
  if (Number.isFinite(Number(text))) return text.trim() !== '' && !hasRadixPrefix(text.trim());
  return NON_FINITE.test(text);
}

function hasRadixPrefix(text: string): boolean {
  const start = text.charCodeAt(0) === 43 || text.charCodeAt(0) === 45 ? 1 : 0; // + or -
  if (text.charCodeAt(start) !== 48) return false; // 0
  const marker = text.charCodeAt(start + 1) | 0x20; // lower case
  return marker === 120 || marker === 98 || marker === 111; // x b o
}
