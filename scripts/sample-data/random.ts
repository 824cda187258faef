/** A small seeded pseudo-random generator (mulberry32): the same seed always writes the same sample data. */
export class SeededRandom {
    private state: number;

    constructor(seed: number) {
        this.state = seed >>> 0;
    }

    /** A float in [0, 1). */
    next(): number {
        this.state = (this.state + 0x6d2b79f5) >>> 0;
        let t = this.state;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
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
