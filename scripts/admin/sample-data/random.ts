/**
 * mulberry32: a small seeded pseudo-random generator, the same sequence on every machine for a given seed.
 * The one copy in the project: sample data, the synthetic backtest export, the bench's emulated leads and
 * the signal tests' big batches all draw from it.
 */
export function mulberry32(seed: number): () => number {
    let state = seed >>> 0;
    return () => {
        state = (state + 0x6d2b79f5) >>> 0;
        let t = state;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

/** Seeded draws for the sample data: the same seed always writes the same sample data. */
export class SeededRandom {
    /** A float in [0, 1). */
    readonly next: () => number;

    constructor(seed: number) {
        this.next = mulberry32(seed);
    }

    chance(probability: number): boolean {
        return this.next() < probability;
    }

    between(min: number, max: number): number {
        return min + (max - min) * this.next();
    }

    int(min: number, max: number): number {
        return Math.floor(this.between(min, max + 1));
    }

    pick<T>(items: readonly T[]): T {
        const item = items[Math.floor(this.next() * items.length)];
        if (item === undefined) throw new Error('pick() needs at least one item');
        return item;
    }

    /** A key drawn with the given weights (weights need not sum to 1). */
    weighted<K extends string>(weights: Readonly<Record<K, number>>): K {
        const entries = Object.entries(weights) as Array<[K, number]>;
        const total = entries.reduce((sum, [, w]) => sum + w, 0);
        let roll = this.next() * total;
        for (const [key, weight] of entries) {
            roll -= weight;
            if (roll < 0) return key;
        }
        const last = entries[entries.length - 1];
        if (!last) throw new Error('weighted() needs at least one weight');
        return last[0];
    }

    /** Log-uniform between min and max (company sizes, delays). */
    logBetween(min: number, max: number): number {
        return Math.exp(this.between(Math.log(min), Math.log(max)));
    }
}
