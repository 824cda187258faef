/**
 * REGEX and TRIM as the platform runs them (Java's Pattern.matches and String.trim), independently of
 * c/leadScoring. Every expected answer in CASES was produced by Java 17's own Pattern.matches on this
 * machine (javac/java 17.0.15, one run over the whole table), not by the code under test.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { javaMatches, javaTrim } from './javaRegex.ts';

/** `%{hex}` in a text stands for that code point (keeps invisible characters readable here). */
const decode = (s: string): string => s.replace(/%\{([0-9a-f]+)\}/g, (_, h: string) => String.fromCodePoint(parseInt(h, 16)));

/** [Java pattern, text, Pattern.matches answer (or 'error' for PatternSyntaxException), what the case shows]. */
const CASES: Array<[string, string, boolean | 'error', string]> = [
    ['\\p{L}+', '日本語', true, 'Unicode letters'],
    ['\\p{L}+', 'a1', false, 'a digit is not a letter'],
    ['\\p{Alpha}+', 'é', false, 'POSIX Alpha is US-ASCII only'],
    ['\\p{Alpha}+', 'abc', true, 'POSIX Alpha'],
    ['\\p{javaLetter}+', 'é', true, 'Character.isLetter'],
    ['\\p{Lu}', 'É', true, 'upper-case letter'],
    ['\\P{L}+', '123', true, 'negated category'],
    ['\\p{IsLatin}+', 'abc', true, 'script'],
    ['\\p{IsHan}+', '日本', true, 'script Han'],
    ['\\p{IsAlphabetic}+', 'ⅻ', true, 'binary property'],
    ['\\p{Punct}+', '!?', true, 'POSIX Punct'],
    ['\\p{Punct}', '¿', false, 'POSIX Punct is US-ASCII only'],
    ['\\p{javaWhitespace}', '%{a0}', false, 'no-break space is not Java white space'],
    ['\\p{javaWhitespace}', '%{2003}', true, 'em space is'],
    ['\\p{javaWhitespace}', '%{1c}', true, 'U+001C is'],
    ['a*+a', 'aaa', false, 'possessive gives nothing back'],
    ['a*a', 'aaa', true, 'greedy backtracks'],
    ['(?>a*)a', 'aaa', false, 'atomic group'],
    ['x{2,}+x', 'xxx', false, 'possessive bound'],
    ['a++', 'aa', true, 'possessive alone'],
    ['\\Aabc\\Z', 'abc%{a}', false, '\\Z before a final newline, but matches() must consume it'],
    ['\\Aabc\\Z\\n', 'abc%{a}', true, '\\Z before the final newline'],
    ['abc$\\n', 'abc%{a}', true, '$ before the final newline'],
    ['abc$', 'abc', true, '$ at the end'],
    ['^abc$', 'abc', true, 'anchors'],
    ['abc\\z', 'abc', true, '\\z'],
    ['[a-z&&[^e]]+', 'abcd', true, 'class intersection'],
    ['[a-z&&[^e]]+', 'abe', false, 'intersection excludes e'],
    ['[\\w&&[^_]]+', 'a_b', false, 'intersection with \\w'],
    ['[a-c[x-z]]+', 'abxz', true, 'class union'],
    ['(?i)abc', 'ABC', true, '(?i) on ASCII'],
    ['(?i)é', 'É', false, '(?i) folds US-ASCII only'],
    ['(?iu)é', 'É', true, '(?iu) folds Unicode'],
    ['(?i)[a-c]+', 'ABC', true, '(?i) on a range'],
    ['a(?i)b', 'aB', true, 'flag from here on'],
    ['a(?i)b', 'AB', false, 'not before the flag'],
    ['(?i:a)b', 'AB', false, 'scoped flag'],
    ['\\h+', '%{a0}%{3000}', true, '\\h includes no-break and ideographic space'],
    ['\\s', '%{a0}', false, '\\s is US-ASCII white space'],
    ['\\s', '%{3000}', false, '\\s excludes ideographic space'],
    ['\\s+', ' %{9}%{b}', true, '\\s includes vertical tab'],
    ['\\R', '%{d}%{a}', true, '\\R takes CR LF'],
    ['\\R\\n', '%{d}%{a}', true, '\\R gives back the LF (not atomic)'],
    ['\\v', '%{a}', true, '\\v is vertical white space'],
    ['\\v', '%{2028}', true, '\\v includes line separator'],
    ['.', '%{85}', false, '. excludes NEL'],
    ['(?s).', '%{85}', true, '(?s) . includes NEL'],
    ['.*', 'a%{a}b', false, '. excludes newline'],
    ['(?s).*', 'a%{a}b', true, 'DOTALL'],
    ['\\w+', 'é', false, '\\w is US-ASCII'],
    ['\\d', '٣', false, '\\d is US-ASCII'],
    ['\\p{Nd}', '٣', true, 'Arabic-Indic digit is Nd'],
    ['a|b', 'ab', false, 'whole match'],
    ['a|b', 'b', true, 'alternative'],
    ['\\x{1F600}', '😀', true, 'supplementary code point'],
    ['\\u00e9', 'é', true, '\\u escape'],
    ['\\Qa.b\\E', 'a.b', true, 'quoting'],
    ['\\Qa.b\\E', 'axb', false, 'quoted dot is literal'],
    ['(a)\\1', 'aa', true, 'back-reference'],
    ['(?<x>a)\\k<x>', 'aa', true, 'named back-reference'],
    ['(a)(?>b*)\\1', 'abba', true, 'back-reference after an atomic group'],
    ['a(?<=a)b', 'ab', true, 'look-behind'],
    ['\\0101', 'A', true, 'octal'],
    ['\\cA', '%{1}', true, 'control'],
    ['\\.', '.', true, 'escaped dot'],
    ['[.]', 'x', false, 'class dot'],
    ['(?s)(?:[^\\p{L}\\p{N}]*[\\p{L}\\p{N}]){3}.*', '%{200b}%{200b}a', false, 'evidence: zero-width spaces are not letters'],
    ['(?s)(?:[^\\p{L}\\p{N}]*[\\p{L}\\p{N}]){3}.*', 'a b%{a}1', true, 'evidence: three letters or digits'],
    ['(?s)(?:[^\\p{L}\\p{N}]*[\\p{L}\\p{N}]){3}.*', '...', false, 'evidence: punctuation'],
    ['(?s)(?:[^\\p{L}\\p{N}]*[\\p{L}\\p{N}]){3}.*', '😀😀😀', false, 'evidence: emoji'],
    ['(?s)(?:[^\\p{L}\\p{N}]*[\\p{L}\\p{N}]){3}.*', 'مرحبا', true, 'evidence: Arabic'],
    ['(?s)(?:[^\\p{L}\\p{N}]*[\\p{L}\\p{N}]){3}.*', '%{3000}%{3000}日本', false, 'evidence: two letters after ideographic spaces'],
    ['(', 'x', 'error', 'unclosed group'],
    ['a{', 'a', 'error', 'illegal repetition'],
    ['*a', 'a', 'error', 'dangling meta character'],
    ['[a', 'a', 'error', 'unclosed class'],
    ['[z-a]', 'a', 'error', 'illegal range']
];

const answer = (pattern: string, text: string): boolean | 'error' => {
    const result = javaMatches(decode(text), pattern);
    return typeof result === 'boolean' ? result : 'error';
};

describe('REGEX is Java Pattern.matches', () => {
    for (const [pattern, text, expected, why] of CASES) {
        it(`${why}: ${pattern} on ${JSON.stringify(text)} -> ${expected}`, () => {
            assert.equal(answer(pattern, text), expected);
        });
    }

    it('the table tells Java from JavaScript: a plain ^(?:pattern)$ JavaScript RegExp gets many cases wrong', () => {
        const naive = (pattern: string, text: string): boolean | 'error' => {
            try {
                return new RegExp(`^(?:${pattern})$`, 'u').test(decode(text));
            } catch {
                return 'error';
            }
        };
        const wrong = CASES.filter(([pattern, text, expected]) => naive(pattern, text) !== expected).map(([, , , why]) => why);
        assert.ok(wrong.length >= 15, `only ${wrong.length} cases separate the dialects: ${wrong.join('; ')}`);
        for (const why of [
            'POSIX Alpha is US-ASCII only',
            'possessive gives nothing back',
            'class intersection',
            '\\s is US-ASCII white space',
            '. excludes NEL'
        ])
            assert.ok(wrong.includes(why), `the naive translation should fail "${why}"`);
    });

    it('refuses constructs it cannot reproduce, saying what to do', () => {
        for (const [pattern, says] of [
            ['\\bsales\\b', 'write the boundary out'],
            ['(?m)^a$', '(?m)'],
            ['(?x)a b', '(?x)'],
            ['\\p{InGreek}', 'Unicode blocks'],
            ['[^a-z&&[^e]]', 'negate inside'],
            ['(?<=a*)b', 'maximum length'],
            ['(?i)(a)\\1', '(?i)'],
            ['(a)\\2', 'does not exist'],
            ['\\p{Nonsense}', 'not a Java character class']
        ] as const) {
            const result = javaMatches('a', pattern);
            assert.ok(typeof result === 'object', `${pattern} should be refused`);
            assert.match(result.error, new RegExp(says.replace(/[()?\\]/g, '\\$&')), pattern);
            assert.ok(result.error.includes(pattern), 'the message names the pattern');
        }
    });
});

describe('TRIM is Java String.trim', () => {
    it('removes only characters up to U+0020 at both ends', () => {
        assert.equal(javaTrim(' \t\n\r\u0000\u001f a b \u000b\u0020'), 'a b');
        for (const kept of ['\u00a0', '\u3000', '\u200b', '\ufeff', '\u0085', '\u2028', '\u2003']) {
            assert.equal(javaTrim(`${kept}x${kept}`), `${kept}x${kept}`, `U+${kept.codePointAt(0)?.toString(16)} is kept`);
        }
        assert.equal(javaTrim('   '), '');
        assert.equal(javaTrim(''), '');
    });
});
