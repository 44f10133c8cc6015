/**
 * Seeded randomness for simulations and tests. Scoring itself never draws random
 * numbers; anything that needs them takes an `Rng` argument so runs are reproducible.
 */
export type Rng = () => number;

/** mulberry32: a small 32-bit generator, uniform in [0, 1), a pure function of its seed. */
export function mulberry32(seed: number): Rng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A standard normal draw by Box–Muller from an injected uniform source. */
export function normalDraw(rng: Rng): number {
  // 1 − u keeps the logarithm's argument in (0, 1].
  const u = 1 - rng();
  const v = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** A 1–5 answer from a latent normal score, rounded and clipped to the scale. */
export function likertDraw(rng: Rng, latentMean: number, latentSd: number): 1 | 2 | 3 | 4 | 5 {
  const latent = latentMean + latentSd * normalDraw(rng);
  return Math.min(5, Math.max(1, Math.round(latent))) as 1 | 2 | 3 | 4 | 5;
}
