/**
 * Go's fmt `%v` for the values a JSON document decodes to (encoding/json into interface{}): numbers
 * are float64, so `1234567` prints as `1.234567e+06`; a missing value prints `<no value>`.
 */
export const NO_VALUE = '<no value>';

/** strconv.FormatFloat(x, 'g', -1, 64): shortest digits, the exponent form below 1e-4 and from 1e6. */
export function goFloat(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? '+Inf' : '-Inf';
  if (value === 0) return Object.is(value, -0) ? '-0' : '0';
  const [mantissa, exponentText] = value.toExponential().split('e');
  const exponent = Number(exponentText);
  if (exponent < -4 || exponent >= 6) {
    const sign = exponent < 0 ? '-' : '+';
    const digits = String(Math.abs(exponent)).padStart(2, '0');
    return `${mantissa}e${sign}${digits}`;
  }
  return String(value);
}

/** `%v` of any decoded JSON value, as Go prints maps (sorted keys) and slices. */
export function goValue(value: unknown): string {
  if (value === undefined || value === null) return NO_VALUE;
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return goFloat(value);
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(inner).join(' ')}]`;
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    return `map[${Object.keys(record)
      .sort()
      .map((key) => `${key}:${inner(record[key])}`)
      .join(' ')}]`;
  }
  return String(value);
}

/** Inside a map or slice Go prints nil as `<nil>`. */
function inner(value: unknown): string {
  return value === null || value === undefined ? '<nil>' : goValue(value);
}

/** Go template truth: false, 0, nil, and empty strings, maps and slices are false. */
export function truthy(value: unknown): boolean {
  if (value === undefined || value === null || value === false || value === 0 || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.keys(value as object).length > 0;
  return true;
}
