/**
 * The attacker of the property tests, written independently of the guard.
 *
 * Each released number is a sum over a group's respondents, i.e. the dot product of the
 * answers with the group's respondent indicator vector. An attacker who knows every
 * released sum (and who responded) can compute any rational linear combination of those
 * vectors. They learn the total of a set S exactly iff S's indicator lies in the rational
 * row space. We compute that space exactly (BigInt fractions, no floats) and look for a
 * 0/1 vector in it with between 1 and k-1 ones.
 */

type Fraction = readonly [numerator: bigint, denominator: bigint];

const abs = (x: bigint): bigint => (x < 0n ? -x : x);
function gcd(a: bigint, b: bigint): bigint {
  let x = abs(a);
  let y = abs(b);
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}
function normalise([n, d]: Fraction): Fraction {
  if (n === 0n) return [0n, 1n];
  const g = gcd(n, d) * (d < 0n ? -1n : 1n);
  return [n / g, d / g];
}
const sub = (a: Fraction, b: Fraction): Fraction => normalise([a[0] * b[1] - b[0] * a[1], a[1] * b[1]]);
const mul = (a: Fraction, b: Fraction): Fraction => normalise([a[0] * b[0], a[1] * b[1]]);
const div = (a: Fraction, b: Fraction): Fraction => normalise([a[0] * b[1], a[1] * b[0]]);

/** Reduced row echelon form over the rationals; returns the non-zero rows. */
export function reducedRowEchelon(vectors: readonly (readonly number[])[]): Fraction[][] {
  const rows: Fraction[][] = vectors.map((v) => v.map((x): Fraction => [BigInt(x), 1n]));
  const width = rows[0]?.length ?? 0;
  let rank = 0;
  for (let col = 0; col < width && rank < rows.length; col += 1) {
    const pivot = rows.findIndex((row, i) => i >= rank && row[col]?.[0] !== 0n);
    if (pivot < 0) continue;
    [rows[rank], rows[pivot]] = [rows[pivot] as Fraction[], rows[rank] as Fraction[]];
    const pivotRow = rows[rank] as Fraction[];
    const pivotValue = pivotRow[col] as Fraction;
    for (let j = 0; j < width; j += 1) pivotRow[j] = div(pivotRow[j] as Fraction, pivotValue);
    rows.forEach((row, i) => {
      const factor = row[col] as Fraction;
      if (i === rank || factor[0] === 0n) return;
      for (let j = 0; j < width; j += 1)
        row[j] = sub(row[j] as Fraction, mul(factor, pivotRow[j] as Fraction));
    });
    rank += 1;
  }
  return rows.slice(0, rank);
}

/**
 * Every 0/1 vector v in the span is v = sum of lambda_i * row_i with lambda_i = v[pivot_i]
 * in {0, 1} (in reduced form each pivot column is zero in all other rows), so walking the
 * 2^rank subsets of rows finds them all. Gray-code order changes one row per step.
 * Returns the indices of a smallest-found set of 1..k-1 people whose total is derivable,
 * or null when there is none. `k` may depend on the set: the promise owed to its people.
 */
export function findIsolatedSet(
  vectors: readonly (readonly number[])[],
  k: number | ((ones: readonly number[]) => number),
): number[] | null {
  const thresholdOf = typeof k === 'number' ? () => k : k;
  if (vectors.length === 0) return null;
  const rref = reducedRowEchelon(vectors);
  const rank = rref.length;
  if (rank > 20) throw new Error(`rank ${rank} is too large to enumerate`);
  let common = 1n;
  for (const row of rref) for (const [, d] of row) common = (common / gcd(common, d)) * d;
  const scaled = rref.map((row) => row.map(([n, d]) => n * (common / d)));
  const width = scaled[0]?.length ?? 0;
  const sum: bigint[] = new Array(width).fill(0n);
  const chosen: boolean[] = new Array(rank).fill(false);
  for (let step = 1; step < 2 ** rank; step += 1) {
    const flip = Math.log2(step & -step);
    const row = scaled[flip] as bigint[];
    const sign = chosen[flip] ? -1n : 1n;
    chosen[flip] = !chosen[flip];
    for (let j = 0; j < width; j += 1) sum[j] = (sum[j] as bigint) + sign * (row[j] as bigint);
    let ones = 0;
    let binary = true;
    for (const value of sum) {
      if (value === common) ones += 1;
      else if (value !== 0n) {
        binary = false;
        break;
      }
    }
    if (binary && ones >= 1) {
      const set = sum.flatMap((value, j) => (value === common ? [j] : []));
      if (ones < thresholdOf(set)) return set;
    }
  }
  return null;
}

/** Whether `target` is a rational linear combination of `vectors` (exactly). */
export function inRowSpan(vectors: readonly (readonly number[])[], target: readonly number[]): boolean {
  return reducedRowEchelon([...vectors, target]).length === reducedRowEchelon(vectors).length;
}

/**
 * Coefficients λ with Σ λ_i · vectors[i] = target, exactly, or null when the target is
 * not in the span. This is how a reader turns released sums into the total of a set:
 * the same λ applied to the released sums gives that set's total.
 */
export function combinationFor(
  vectors: readonly (readonly number[])[],
  target: readonly number[],
): Fraction[] | null {
  // Columns are the vectors; solve the system people × releases by elimination on the
  // augmented matrix [V^T | target].
  const releases = vectors.length;
  const rows: Fraction[][] = target.map((t, person) => [
    ...vectors.map((v): Fraction => [BigInt(v[person] ?? 0), 1n]),
    [BigInt(t), 1n],
  ]);
  const pivots: number[] = [];
  let rank = 0;
  for (let col = 0; col < releases && rank < rows.length; col += 1) {
    const pivot = rows.findIndex((row, i) => i >= rank && row[col]?.[0] !== 0n);
    if (pivot < 0) continue;
    [rows[rank], rows[pivot]] = [rows[pivot] as Fraction[], rows[rank] as Fraction[]];
    const pivotRow = rows[rank] as Fraction[];
    const pivotValue = pivotRow[col] as Fraction;
    for (let j = 0; j <= releases; j += 1) pivotRow[j] = div(pivotRow[j] as Fraction, pivotValue);
    rows.forEach((row, i) => {
      const factor = row[col] as Fraction;
      if (i === rank || factor[0] === 0n) return;
      for (let j = 0; j <= releases; j += 1)
        row[j] = sub(row[j] as Fraction, mul(factor, pivotRow[j] as Fraction));
    });
    pivots.push(col);
    rank += 1;
  }
  // Inconsistent: a row with all-zero coefficients but a non-zero right-hand side.
  for (let i = rank; i < rows.length; i += 1) if (rows[i]?.[releases]?.[0] !== 0n) return null;
  const lambda: Fraction[] = vectors.map((): Fraction => [0n, 1n]);
  pivots.forEach((col, i) => {
    lambda[col] = rows[i]?.[releases] as Fraction;
  });
  return lambda;
}

/** Σ λ_i · values_i, exactly, as a JavaScript number (the totals are small integers). */
export function applyCombination(lambda: readonly Fraction[], values: readonly number[]): number {
  let total: Fraction = [0n, 1n];
  lambda.forEach((l, i) => {
    const value: Fraction = [BigInt(values[i] ?? 0), 1n];
    const product = mul(l, value);
    total = normalise([total[0] * product[1] + product[0] * total[1], total[1] * product[1]]);
  });
  return Number(total[0]) / Number(total[1]);
}
