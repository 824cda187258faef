/**
 * A unified diff of two texts (the format `git diff` and `diff -u` print), for the generated
 * metadata a definition change implies. Lines are matched by a longest-common-subsequence table
 * after trimming the common head and tail; generated metadata files are small, so that is plenty.
 */

type Op = { kind: ' ' | '-' | '+'; line: string; a: number; b: number };

function splitLines(text: string): string[] {
    if (text === '') return [];
    const lines = text.split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    return lines;
}

function editScript(a: string[], b: string[]): Op[] {
    let head = 0;
    while (head < a.length && head < b.length && a[head] === b[head]) head++;
    let tail = 0;
    while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
    const am = a.slice(head, a.length - tail);
    const bm = b.slice(head, b.length - tail);
    // lcs[i][j] = length of the LCS of am[i..] and bm[j..]
    const lcs: Uint32Array[] = Array.from({ length: am.length + 1 }, () => new Uint32Array(bm.length + 1));
    for (let i = am.length - 1; i >= 0; i--) {
        const row = lcs[i] as Uint32Array;
        const next = lcs[i + 1] as Uint32Array;
        for (let j = bm.length - 1; j >= 0; j--) {
            row[j] = am[i] === bm[j] ? (next[j + 1] as number) + 1 : Math.max(next[j] as number, row[j + 1] as number);
        }
    }
    const ops: Op[] = [];
    for (let k = 0; k < head; k++) ops.push({ kind: ' ', line: a[k] as string, a: k, b: k });
    let i = 0;
    let j = 0;
    while (i < am.length || j < bm.length) {
        if (i < am.length && j < bm.length && am[i] === bm[j]) {
            ops.push({ kind: ' ', line: am[i] as string, a: head + i, b: head + j });
            i++;
            j++;
        } else if (i < am.length && (j >= bm.length || (lcs[i + 1] as Uint32Array)[j] === (lcs[i] as Uint32Array)[j])) {
            // Dropping am[i] keeps the common subsequence as long: a removal (shown before the additions, as git does).
            ops.push({ kind: '-', line: am[i] as string, a: head + i, b: head + j });
            i++;
        } else {
            ops.push({ kind: '+', line: bm[j] as string, a: head + i, b: head + j });
            j++;
        }
    }
    for (let k = 0; k < tail; k++) {
        const ai = a.length - tail + k;
        const bi = b.length - tail + k;
        ops.push({ kind: ' ', line: a[ai] as string, a: ai, b: bi });
    }
    return ops;
}

/**
 * `--- a/<pathA>` / `+++ b/<pathB>` and @@ hunks with `context` lines around each change; '' when
 * the texts are equal. A missing side (file added or removed) is given as null and shown as /dev/null.
 */
export function unifiedDiff(pathA: string | null, textA: string, pathB: string | null, textB: string, context = 3): string {
    if (textA === textB && pathA !== null && pathB !== null) return '';
    const a = splitLines(textA);
    const b = splitLines(textB);
    const ops = editScript(a, b);
    const changed = ops.map((op, index) => (op.kind === ' ' ? -1 : index)).filter((index) => index >= 0);
    if (changed.length === 0) return '';
    const hunks: Array<[number, number]> = [];
    for (const index of changed) {
        const start = Math.max(0, index - context);
        const end = Math.min(ops.length - 1, index + context);
        const last = hunks[hunks.length - 1];
        if (last && start <= last[1] + 1) last[1] = Math.max(last[1], end);
        else hunks.push([start, end]);
    }
    const out = [`--- ${pathA === null ? '/dev/null' : `a/${pathA}`}`, `+++ ${pathB === null ? '/dev/null' : `b/${pathB}`}`];
    for (const [start, end] of hunks) {
        const slice = ops.slice(start, end + 1);
        const aLines = slice.filter((op) => op.kind !== '+').length;
        const bLines = slice.filter((op) => op.kind !== '-').length;
        const first = slice[0] as Op;
        const aStart = aLines === 0 ? first.a : first.a + 1;
        const bStart = bLines === 0 ? first.b : first.b + 1;
        out.push(`@@ -${aStart},${aLines} +${bStart},${bLines} @@`);
        for (const op of slice) out.push(`${op.kind}${op.line}`);
    }
    return `${out.join('\n')}\n`;
}
