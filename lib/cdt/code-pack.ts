/**
 * A compact text form of a set of four-digit code numbers, for the content script's code set: each
 * number as one character for its distance from the previous one (1–64), or `~` and four digits
 * after a longer jump. The 800-odd CDT numbers take about 1 KB instead of 3.3 KB as plain digits.
 */

const STEPS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_';
const JUMP = '~';

/** Packs code numbers (`'0120'` or `120`); order and repeats do not matter. */
export function packCodeNumbers(numbers: Iterable<string | number>): string {
  const sorted = [...new Set([...numbers].map(Number))].sort((a, b) => a - b);
  let previous = 0;
  let out = '';
  for (const n of sorted) {
    if (!Number.isInteger(n) || n < 0 || n > 9999) throw new RangeError(`Not a code number: ${n}`);
    const step = n - previous;
    out +=
      step >= 1 && step <= STEPS.length
        ? STEPS.charAt(step - 1)
        : JUMP + String(n).padStart(4, '0');
    previous = n;
  }
  return out;
}

/** The code numbers of a packed set, in ascending order. */
export function unpackCodeNumbers(packed: string): number[] {
  const numbers: number[] = [];
  let previous = 0;
  for (let i = 0; i < packed.length; i++) {
    const c = packed[i]!;
    previous =
      c === JUMP ? Number(packed.slice(i + 1, (i += 4) + 1)) : previous + STEPS.indexOf(c) + 1;
    numbers.push(previous);
  }
  return numbers;
}
