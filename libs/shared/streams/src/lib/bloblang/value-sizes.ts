import { MappingRuntimeError } from './methods';

/** The largest value a mapping may build (characters, roughly bytes), whatever its input. */
export const MAX_VALUE_SIZE = 4 * 1024 * 1024;
const MAX_NESTING = 256;

/**
 * Bounds what one run of a mapping builds. Without loops a mapping can still double a value per
 * statement or per nested literal (`let b = [$a, $a]`), and the shared references would only explode
 * when serialised, taking the whole gateway's memory. Sizes are remembered per object, so a value
 * built from the same parts many times is measured once.
 */
export class ValueSizes {
  private readonly sizes = new WeakMap<object, number>();

  check<T>(value: T): T {
    if (this.size(value, 0) > MAX_VALUE_SIZE)
      throw new MappingRuntimeError(`the mapping built a value larger than ${MAX_VALUE_SIZE} characters`);
    return value;
  }

  private size(value: unknown, depth: number): number {
    if (typeof value === 'string') return value.length;
    if (value === null || typeof value !== 'object') return 8;
    const known = this.sizes.get(value);
    if (known !== undefined) return known;
    if (depth > MAX_NESTING)
      throw new MappingRuntimeError(`a value nested more than ${MAX_NESTING} levels deep`);
    let total = 2;
    for (const [key, item] of Object.entries(value)) {
      total += key.length + this.size(item, depth + 1);
      if (total > MAX_VALUE_SIZE) break;
    }
    this.sizes.set(value, total);
    return total;
  }
}
