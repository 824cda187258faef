/**
 * The platform's REGEX(text, pattern): java.util.regex.Pattern.matches(pattern, text), written from the
 * Java Pattern documentation for the harness, independently of c/leadScoring.
 *
 * A Java pattern is translated into a JavaScript RegExp (flag v) that matches the same strings, and the
 * whole text must match (`^(?:...)$`). Where the two dialects differ, the translation follows Java:
 *  - `.` excludes the line terminators \n \r U+0085 U+2028 U+2029 unless (?s); `$` and `\Z` also match
 *    before one final line terminator; `\A` `\z`; `\s` `\d` `\w` are ASCII-only; `\h` `\v` `\R` are
 *    Java's horizontal / vertical white space and line break (CR LF or one terminator) (JavaScript's `\v` is only U+000B);
 *  - `\p{Alpha}` `\p{Punct}` ... are the US-ASCII POSIX classes; `\p{javaLetter}` ... are java.lang.Character
 *    tests; `\p{L}` `\p{IsL}` `\p{IsLatin}` `\p{IsAlphabetic}` are Unicode categories, scripts, properties;
 *  - possessive quantifiers `*+ ++ ?+ {n,m}+` and atomic groups `(?>...)` do not give back what they matched;
 *  - class union `[a-c[x-z]]` and intersection `[a-z&&[^e]]`; `\Q...\E` quoting;
 *  - (?i) folds US-ASCII letters only, (?iu) folds Unicode; (?s) as above.
 * Constructs whose meaning the harness cannot reproduce are refused with a clear error rather than guessed:
 * (?m) (?d) (?x) (?U), `\b` `\B` (their meaning changed between Java versions), `\G`, `\X`, `\N{...}`,
 * Unicode blocks (`\p{InGreek}`), negated classes containing `&&`, back-references under (?i), and
 * look-behinds without an obvious maximum length (Java refuses those too).
 */

export interface JavaPatternError {
    error: string;
}

interface Flags {
    i: boolean;
    s: boolean;
    u: boolean;
}

const LINE_TERMINATORS = '\\n\\r\\u{85}\\u{2028}\\u{2029}';
/** Java's `$` without MULTILINE: end of input, or before a final \r\n or final line terminator (not between \r and \n). */
const DOLLAR = '(?:$|(?=\\r\\n$)|(?<!\\r)(?=\\n$)|(?=[\\r\\u{85}\\u{2028}\\u{2029}]$))';

const cp = (code: number): string => `\\u{${code.toString(16)}}`;

/** Class bodies (v-mode syntax, no brackets) for Java's predefined and POSIX classes. */
const SETS: Record<string, string> = {
    d: '0-9',
    w: 'a-zA-Z_0-9',
    s: ' \\t\\n\\x0B\\f\\r',
    h: ' \\t\\u{a0}\\u{1680}\\u{180e}\\u{2000}-\\u{200a}\\u{202f}\\u{205f}\\u{3000}',
    v: '\\n\\x0B\\f\\r\\u{85}\\u{2028}\\u{2029}',
    Lower: 'a-z',
    Upper: 'A-Z',
    ASCII: '\\x00-\\x7F',
    Alpha: 'a-zA-Z',
    Digit: '0-9',
    Alnum: 'a-zA-Z0-9',
    Punct: '!-\\/:-@\\[-`\\{-~',
    Graph: '!-~',
    Print: ' -~',
    Blank: ' \\t',
    Cntrl: '\\x00-\\x1F\\x7F',
    XDigit: '0-9a-fA-F',
    Space: ' \\t\\n\\x0B\\f\\r',
    javaLetter: '\\p{L}',
    javaDigit: '\\p{Nd}',
    javaLetterOrDigit: '\\p{L}\\p{Nd}',
    javaAlphabetic: '\\p{Alphabetic}',
    javaIdeographic: '\\p{Ideographic}',
    javaLowerCase: '\\p{Lowercase}',
    javaUpperCase: '\\p{Uppercase}',
    javaTitleCase: '\\p{Lt}',
    javaSpaceChar: '\\p{Z}',
    javaISOControl: '\\x00-\\x1F\\x7F-\\u{9f}',
    javaDefined: '\\P{Cn}',
    javaMirrored: '\\p{Bidi_Mirrored}',
    // Character.isWhitespace: space, line and paragraph separators except the non-breaking ones, and \t \n \v \f \r, U+001C..U+001F.
    javaWhitespace: '[[\\p{Zs}\\p{Zl}\\p{Zp}]--[\\u{a0}\\u{2007}\\u{202f}]]\\t\\n\\x0B\\f\\r\\x1C-\\x1F'
};

const CATEGORIES = new Set(
    'L Lu Ll Lt Lm Lo LC M Mn Mc Me N Nd Nl No P Pc Pd Ps Pe Pi Pf Po S Sm Sc Sk So Z Zs Zl Zp C Cc Cf Cs Co Cn'.split(' ')
);
const BINARY: Record<string, string> = {
    alphabetic: 'Alphabetic',
    ideographic: 'Ideographic',
    letter: 'L',
    lowercase: 'Lowercase',
    uppercase: 'Uppercase',
    titlecase: 'Lt',
    punctuation: 'P',
    control: 'Cc',
    white_space: 'White_Space',
    whitespace: 'White_Space',
    digit: 'Nd',
    hex_digit: 'Hex_Digit',
    hexdigit: 'Hex_Digit',
    join_control: 'Join_Control',
    joincontrol: 'Join_Control',
    noncharacter_code_point: 'Noncharacter_Code_Point',
    noncharactercodepoint: 'Noncharacter_Code_Point'
};

const scriptName = (name: string): string =>
    name
        .split('_')
        .map((part) => part.charAt(0).toUpperCase() + part.slice(1).toLowerCase())
        .join('_');

/** `\p{name}` as a v-mode class body (no brackets), or an error message. */
function propertyBody(name: string): string | JavaPatternError {
    if (SETS[name] !== undefined && !/^[dwshv]$/.test(name)) return SETS[name];
    const bare = name.startsWith('Is') ? name.slice(2) : name;
    const eq = /^(general_category|gc|script|sc|block|blk)=(.+)$/i.exec(name);
    if (eq) {
        const [, key, value] = eq as unknown as [string, string, string];
        if (/^(general_category|gc)$/i.test(key) && CATEGORIES.has(value)) return `\\p{${value === 'LC' ? 'LC' : value}}`;
        if (/^(script|sc)$/i.test(key)) return checkedProperty(`\\p{Script=${scriptName(value)}}`, name);
        return { error: `Unicode blocks (\\p{${name}}) are not supported by JavaScript: use a script (\\p{Is...}) or a range.` };
    }
    if (CATEGORIES.has(bare)) return `\\p{${bare}}`;
    if (name.startsWith('In'))
        return { error: `Unicode blocks (\\p{${name}}) are not supported by JavaScript: use a script (\\p{Is...}) or a range.` };
    if (name.startsWith('Is')) {
        const binary = BINARY[bare.toLowerCase()];
        if (binary) return `\\p{${binary}}`;
        return checkedProperty(`\\p{Script=${scriptName(bare)}}`, name);
    }
    return { error: `\\p{${name}} is not a Java character class the harness knows.` };
}

function checkedProperty(body: string, name: string): string | JavaPatternError {
    try {
        new RegExp(`[${body}]`, 'v');
        return body;
    } catch {
        return { error: `\\p{${name}}: unknown Unicode script or property.` };
    }
}

/** The ASCII case partners a range adds under (?i) without (?u). */
function asciiFold(lo: number, hi: number): string {
    let out = '';
    const add = (a: number, b: number, shift: number): void => {
        const from = Math.max(lo, a);
        const to = Math.min(hi, b);
        if (from <= to) out += from === to ? cp(from + shift) : `${cp(from + shift)}-${cp(to + shift)}`;
    };
    add(0x61, 0x7a, -32);
    add(0x41, 0x5a, 32);
    return out;
}

class Translator {
    private pos = 0;
    /** Java group number -> JavaScript group number (helper groups for atomic matching shift the numbering). */
    private readonly groupMap: number[] = [];
    private readonly groupNames = new Set<string>();
    private javaGroups = 0;
    private jsGroups = 0;
    private lookbehindDepth = 0;

    private readonly src: string;

    constructor(src: string) {
        this.src = src;
    }

    fail(message: string, at = this.pos): never {
        throw new TranslationError(`${message} (at position ${at + 1} of the pattern)`);
    }

    run(): string {
        const body = this.alternation({ i: false, s: false, u: false });
        if (this.pos < this.src.length) this.fail(`Unmatched closing ')'`);
        return `^(?:${this.resolve(body)})$`;
    }

    private resolve(text: string): string {
        return text.replace(/\u0000(\d+)\u0000/g, (_, n: string) => {
            const js = this.groupMap[Number(n)];
            if (js === undefined) this.fail(`Back-reference \\${n} refers to a group that does not exist`, 0);
            return `\\${js}`;
        });
    }

    private peek(offset = 0): string | undefined {
        return this.src[this.pos + offset];
    }

    private codePointHere(): number {
        return this.src.codePointAt(this.pos) as number;
    }

    private alternation(flags: Flags): string {
        const branches: string[] = [];
        const shared = { ...flags };
        for (;;) {
            branches.push(this.sequence(shared));
            if (this.peek() !== '|') break;
            this.pos++;
        }
        return branches.join('|');
    }

    /** One branch; a flag group such as (?i) changes `flags` for the rest of the enclosing group (all later branches too). */
    private sequence(flags: Flags): string {
        let out = '';
        while (this.pos < this.src.length && this.peek() !== '|' && this.peek() !== ')') {
            const atom = this.atom(flags);
            if (atom === null) continue;
            out += this.quantified(atom);
        }
        return out;
    }

    private quantified(atom: string): string {
        const start = this.pos;
        const c = this.peek();
        let q = '';
        let unbounded = false;
        if (c === '*' || c === '+' || c === '?') {
            q = c;
            unbounded = c !== '?';
            this.pos++;
        } else if (c === '{') {
            const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.pos));
            if (!m) this.fail(`Illegal repetition: '{' must start a bound such as {2} or {2,5} (write \\{ for the character)`);
            if (m[3] !== undefined && m[3] !== '' && Number(m[3]) < Number(m[1])) this.fail('Illegal repetition range');
            q = m[0];
            unbounded = m[2] !== undefined && m[3] === '';
            this.pos += m[0].length;
        } else return atom;
        if (unbounded && this.lookbehindDepth > 0)
            this.fail('A look-behind needs an obvious maximum length in Java: use a bounded repetition such as {0,20}', start);
        if (this.peek() === '?') {
            this.pos++;
            return `${atom}${q}?`;
        }
        if (this.peek() === '+') {
            this.pos++;
            return this.atomic(`${atom}${q}`);
        }
        if (/^[*+?{]$/.test(this.peek() ?? '')) this.fail('Dangling repetition');
        return `${atom}${q}`;
    }

    /** Atomic matching in JavaScript: a look-ahead captures, then a back-reference consumes exactly that. */
    private atomic(inner: string): string {
        const n = ++this.jsGroups;
        return `(?:(?=(${inner}))\\${n})`;
    }

    private literal(code: number, flags: Flags): string {
        const isAsciiLetter = (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
        if (flags.i && flags.u) return `(?i:${cp(code)})`;
        if (flags.i && isAsciiLetter) return `[${cp(code)}${asciiFold(code, code)}]`;
        return cp(code);
    }

    private atom(flags: Flags): string | null {
        const c = this.peek() as string;
        switch (c) {
            case '(':
                return this.group(flags);
            case '[': {
                const body = this.charClass(flags);
                return flags.i && flags.u ? `(?i:${body})` : body;
            }
            case '.':
                this.pos++;
                return flags.s ? '[\\s\\S]' : `[^${LINE_TERMINATORS}]`;
            case '^':
                this.pos++;
                return '^';
            case '$':
                this.pos++;
                return DOLLAR;
            case '\\':
                return this.escape(flags);
            case '*':
            case '+':
            case '?':
                return this.fail(`Dangling meta character '${c}'`);
            case '{':
                return this.fail(`Illegal repetition: '{' must follow something to repeat (write \\{ for the character)`);
            default: {
                const code = this.codePointHere();
                this.pos += code > 0xffff ? 2 : 1;
                return this.literal(code, flags);
            }
        }
    }

    private group(flags: Flags): string | null {
        const start = this.pos;
        this.pos++;
        const rest = this.src.slice(this.pos);
        let prefix = '(';
        let lookbehind = false;
        let atomic = false;
        let inner = { ...flags };
        if (rest.startsWith('?')) {
            const named = /^\?<([a-zA-Z][a-zA-Z0-9]*)>/.exec(rest);
            const flagGroup = /^\?([a-zA-Z]*)(?:-([a-zA-Z]*))?([:)])/.exec(rest);
            if (named) {
                if (this.groupNames.has(named[1] as string)) this.fail(`Named group <${named[1]}> is defined twice`);
                this.groupNames.add(named[1] as string);
                this.groupMap[++this.javaGroups] = ++this.jsGroups;
                prefix = `(?<${named[1]}>`;
                this.pos += named[0].length;
            } else if (/^\?(<=|<!)/.test(rest)) {
                prefix = `(${rest.slice(0, 3)}`;
                lookbehind = true;
                this.pos += 3;
            } else if (/^\?[=!:]/.test(rest)) {
                prefix = `(${rest.slice(0, 2)}`;
                this.pos += 2;
            } else if (rest.startsWith('?>')) {
                atomic = true;
                prefix = '(?:';
                this.pos += 2;
            } else if (flagGroup) {
                const on = flagGroup[1] as string;
                const off = flagGroup[2] ?? '';
                for (const f of on + off) {
                    if (!'isu'.includes(f))
                        this.fail(
                            f === 'm' || f === 'd' || f === 'x' || f === 'U' || f === 'c'
                                ? `The embedded flag (?${f}) is not supported by the harness: REGEX matches the whole text, so write the pattern without it`
                                : `Unknown inline flag '${f}'`
                        );
                }
                const target = flagGroup[3] === ')' ? flags : inner;
                for (const f of on) target[f as keyof Flags] = true;
                for (const f of off) target[f as keyof Flags] = false;
                this.pos += flagGroup[0].length;
                if (flagGroup[3] === ')') return null;
                prefix = '(?:';
                inner = target;
            } else this.fail('Unknown group type');
        } else {
            this.groupMap[++this.javaGroups] = ++this.jsGroups;
        }
        if (lookbehind) this.lookbehindDepth++;
        const body = this.alternation(inner);
        if (lookbehind) this.lookbehindDepth--;
        if (this.peek() !== ')') this.fail(`Unclosed group`, start);
        this.pos++;
        if (atomic) return this.atomic(body);
        return `${prefix}${body})`;
    }

    private hex(digits: string, at: number): number {
        if (!/^[0-9a-fA-F]+$/.test(digits)) this.fail('Illegal hexadecimal escape sequence', at);
        const code = parseInt(digits, 16);
        if (code > 0x10ffff) this.fail('Hexadecimal code point is too big', at);
        return code;
    }

    /** One escaped character as a code point, or null when the escape is not a single character. */
    private escapedChar(): number | null {
        const at = this.pos;
        const e = this.peek(1) as string | undefined;
        if (e === undefined) this.fail('Unexpected internal error: the pattern ends with a backslash');
        const simple: Record<string, number> = { t: 9, n: 10, r: 13, f: 12, a: 7, e: 27 };
        if (simple[e] !== undefined) {
            this.pos += 2;
            return simple[e];
        }
        if (e === '0') {
            const m = /^[0-7]{1,3}/.exec(this.src.slice(this.pos + 2));
            if (!m) this.fail('Illegal octal escape sequence');
            let digits = m[0];
            if (digits.length === 3 && Number(digits[0]) > 3) digits = digits.slice(0, 2);
            this.pos += 2 + digits.length;
            return parseInt(digits, 8);
        }
        if (e === 'x') {
            if (this.peek(2) === '{') {
                const end = this.src.indexOf('}', this.pos + 3);
                if (end < 0) this.fail('Unclosed hexadecimal escape sequence');
                const code = this.hex(this.src.slice(this.pos + 3, end), at);
                this.pos = end + 1;
                return code;
            }
            const code = this.hex(this.src.slice(this.pos + 2, this.pos + 4).padEnd(2, 'g'), at);
            this.pos += 4;
            return code;
        }
        if (e === 'u') {
            const code = this.hex(this.src.slice(this.pos + 2, this.pos + 6).padEnd(4, 'g'), at);
            this.pos += 6;
            return code;
        }
        if (e === 'c') {
            const ch = this.src.codePointAt(this.pos + 2);
            if (ch === undefined) this.fail('Illegal control escape sequence');
            this.pos += 3;
            return ch ^ 64;
        }
        if (/[a-zA-Z0-9]/.test(e)) return null;
        const code = this.src.codePointAt(this.pos + 1) as number;
        this.pos += code > 0xffff ? 3 : 2;
        return code;
    }

    /** A class-like escape (\d \s \p{..} ...) as [positive body, negated?], or null. */
    private classEscape(): { body: string; negated: boolean } | null {
        const e = this.peek(1) as string;
        const lower = e.toLowerCase();
        if ('dwsh'.includes(lower) || e === 'v' || e === 'V') {
            this.pos += 2;
            return { body: SETS[lower] as string, negated: e !== lower };
        }
        if (e === 'p' || e === 'P') {
            let name: string;
            if (this.peek(2) === '{') {
                const end = this.src.indexOf('}', this.pos + 3);
                if (end < 0) this.fail('Unclosed character family');
                name = this.src.slice(this.pos + 3, end);
                this.pos = end + 1;
            } else {
                name = this.peek(2) ?? '';
                this.pos += 3;
            }
            const body = propertyBody(name);
            if (typeof body !== 'string') this.fail(body.error);
            return { body, negated: e === 'P' };
        }
        return null;
    }

    private escape(flags: Flags): string {
        const at = this.pos;
        const e = this.peek(1);
        if (e === 'Q') {
            const end = this.src.indexOf('\\E', this.pos + 2);
            const quoted = this.src.slice(this.pos + 2, end < 0 ? undefined : end);
            this.pos = end < 0 ? this.src.length : end + 2;
            return [...quoted].map((ch) => this.literal(ch.codePointAt(0) as number, flags)).join('');
        }
        if (e === 'A') {
            this.pos += 2;
            return '^';
        }
        if (e === 'z') {
            this.pos += 2;
            return '$';
        }
        if (e === 'Z') {
            this.pos += 2;
            return DOLLAR;
        }
        if (e === 'R') {
            this.pos += 2;
            // As the Pattern documentation defines it (not atomic: Java 17 gives back the LF of a CR LF).
            return '(?:\\r\\n|[\\n\\x0B\\f\\r\\u{85}\\u{2028}\\u{2029}])';
        }
        if (e === 'b' || e === 'B')
            this.fail(
                `\\${e} is not supported by the harness: Java changed what a word boundary is (JDK 19); write the boundary out, e.g. (^|[^a-z0-9])`
            );
        if (e === 'G' || e === 'X' || e === 'N')
            this.fail(`\\${e} is not supported by the harness; REGEX matches the whole text, so write the pattern without it`);
        if (e === 'k') {
            const m = /^\\k<([a-zA-Z][a-zA-Z0-9]*)>/.exec(this.src.slice(this.pos));
            if (!m) this.fail('\\k must be followed by a group name in <>');
            if (flags.i) this.fail('Back-references under (?i) are not supported by the harness');
            if (!this.groupNames.has(m[1] as string)) this.fail(`Named group <${m[1]}> does not exist`);
            this.pos += m[0].length;
            return `\\k<${m[1]}>`;
        }
        if (e !== undefined && /[1-9]/.test(e)) {
            // Java: the longest number that names an existing group.
            let digits = e;
            let i = this.pos + 2;
            while (/[0-9]/.test(this.src[i] ?? '') && Number(digits + this.src[i]) <= this.javaGroups) digits += this.src[i++];
            if (flags.i) this.fail('Back-references under (?i) are not supported by the harness');
            if (Number(digits) > this.javaGroups) this.fail(`Back-reference \\${digits} refers to a group that does not exist`);
            this.pos = i;
            return `\u0000${digits}\u0000`;
        }
        const cls = this.classEscape();
        if (cls) return cls.negated ? `[^${cls.body}]` : `[${cls.body}]`;
        const code = this.escapedChar();
        if (code === null) this.fail(`Illegal/unsupported escape sequence \\${e}`, at);
        return this.literal(code, flags);
    }

    /** A Java character class, as a v-mode class. */
    private charClass(flags: Flags): string {
        const start = this.pos;
        this.pos++;
        let negated = false;
        if (this.peek() === '^') {
            negated = true;
            this.pos++;
        }
        const operands: string[] = [];
        let union = '';
        let first = true;
        for (;;) {
            const c = this.peek();
            if (c === undefined) this.fail('Unclosed character class', start);
            if (c === ']' && !first) {
                this.pos++;
                break;
            }
            if (c === ']' && first) this.fail('An empty character class ([] or [^]) is not supported by the harness');
            first = false;
            if (c === '&' && this.peek(1) === '&') {
                this.pos += 2;
                operands.push(union);
                union = '';
                continue;
            }
            if (c === '[') {
                union += this.charClass(flags);
                continue;
            }
            if (c === '\\' && this.peek(1) === 'Q') {
                const end = this.src.indexOf('\\E', this.pos + 2);
                const quoted = this.src.slice(this.pos + 2, end < 0 ? undefined : end);
                this.pos = end < 0 ? this.src.length : end + 2;
                for (const ch of quoted) union += this.classRange(ch.codePointAt(0) as number, ch.codePointAt(0) as number, flags);
                continue;
            }
            if (c === '\\') {
                const e = this.peek(1);
                if (e === 'R' || e === 'b' || e === 'B') this.fail(`\\${e} is not allowed in a character class`);
                const cls = this.classEscape();
                if (cls) {
                    union += cls.negated ? `[^${cls.body}]` : `[${cls.body}]`;
                    continue;
                }
            }
            const lo = this.classChar();
            if (this.peek() === '-' && this.peek(1) !== ']' && this.peek(1) !== '[' && !(this.peek(1) === '&' && this.peek(2) === '&')) {
                this.pos++;
                if (this.peek() === '\\' && this.classEscapeAhead()) this.fail('Illegal character range');
                const hi = this.classChar();
                if (hi < lo) this.fail('Illegal character range');
                union += this.classRange(lo, hi, flags);
            } else union += this.classRange(lo, lo, flags);
        }
        operands.push(union);
        if (operands.length > 1) {
            if (negated)
                this.fail('A negated class with && ([^...&&...]) is not supported by the harness: negate inside, e.g. [a-z&&[^e]]', start);
            return `[${operands.map((o) => `[${o}]`).join('&&')}]`;
        }
        return `[${negated ? '^' : ''}${union}]`;
    }

    private classEscapeAhead(): boolean {
        return /^\\([dDwWsShHvV]|[pP])/.test(this.src.slice(this.pos));
    }

    private classChar(): number {
        if (this.peek() === '\\') {
            const code = this.escapedChar();
            if (code === null) this.fail(`Illegal/unsupported escape sequence \\${this.peek(1)} in a character class`);
            return code;
        }
        const code = this.codePointHere();
        this.pos += code > 0xffff ? 2 : 1;
        return code;
    }

    private classRange(lo: number, hi: number, flags: Flags): string {
        const base = lo === hi ? cp(lo) : `${cp(lo)}-${cp(hi)}`;
        return flags.i && !flags.u ? base + asciiFold(lo, hi) : base;
    }
}

class TranslationError extends Error {}

const compiled = new Map<string, RegExp | JavaPatternError>();

/** The JavaScript RegExp equivalent to Pattern.matches(pattern, ...), or the reason the harness cannot translate it. */
export function javaPattern(pattern: string): RegExp | JavaPatternError {
    let found = compiled.get(pattern);
    if (found) return found;
    try {
        found = new RegExp(new Translator(pattern).run(), 'v');
    } catch (error) {
        found = {
            error:
                error instanceof TranslationError
                    ? `REGEX pattern "${pattern}": ${error.message}.`
                    : `REGEX pattern "${pattern}" could not be translated: ${(error as Error).message}.`
        };
    }
    if (compiled.size > 1000) compiled.clear();
    compiled.set(pattern, found);
    return found;
}

/** REGEX(text, pattern) as the platform evaluates it (Java's Pattern.matches), or an error for a pattern the harness refuses. */
export function javaMatches(text: string, pattern: string): boolean | JavaPatternError {
    const re = javaPattern(pattern);
    return re instanceof RegExp ? re.test(text) : re;
}

/** TRIM as Java's String.trim: removes every leading and trailing character whose code is U+0020 or below. */
export function javaTrim(text: string): string {
    return text.replace(/^[\u0000-\u0020]+/, '').replace(/[\u0000-\u0020]+$/, '');
}
