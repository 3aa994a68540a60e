const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const NON_FINITE = /^[+-]?(?:nan|inf|infinity)$/i;

/** A decimal number as sensors and pandas write them, including nan/inf markers. */
export function isNumericText(text: string): boolean {
  const value = text.trim();
  return DECIMAL.test(value) || NON_FINITE.test(value);
}
