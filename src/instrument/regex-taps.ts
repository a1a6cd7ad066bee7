/**
 * Regex taps: for the patterns the search cares about (a checker's vulnerable ones, global
 * patterns that retry at every position), the string each call runs on. The search uses it
 * to find where in its input a regex's argument comes from, and puts the attack there: the
 * context (a tag, an attribute, text after a separator) comes from an input that reached
 * the regex, the pump from the analysis.
 *
 * A watched regex object gets its own `exec`, which every regex method (`test`, `replace`,
 * `match`, `matchAll`, `search`) calls under the specification's generic path. Only that
 * object leaves V8's fast path; every other regex, and `RegExp.prototype`, stay untouched.
 */

/** Regex objects remembered per pattern before it is watched (module-level ones come first). */
const REMEMBER = 2;
/** Patterns remembered at most. */
const MAX_KEYS = 5000;
/** Arguments noted per traced execution at most. */
const MAX_ARGS = 32;

export interface TracedArg {
  /** flags + '/' + source; COMPARED for a lookup of a string in a list of strings. */
  key: string;
  arg: string;
  /** For a lookup: the strings the code looked for it among (what would have matched). */
  want?: string[];
}

/** The key of a traced lookup (`list.indexOf(s)`, `list.includes(s)`). */
export const COMPARED = 'compared';
/** Elements of a looked-in list noted at most; longer lists are tables, not keyword sets. */
const MAX_WANT = 256;
/** Longest string looked up that is noted (a keyword, a name, a tag). */
const MAX_LOOKUP = 64;

const nativeExec = RegExp.prototype.exec;
const nativeIndexOf = Array.prototype.indexOf;
const nativeIncludes = Array.prototype.includes;

export class RegexTaps {
  private readonly objects = new Map<string, RegExp[]>();
  private readonly watched = new Set<string>();
  private tracing = false;
  private args: TracedArg[] = [];
  /** Watched patterns that some execution ran (only whether, so a run costs one flag test per call). */
  readonly reached = new Set<string>();

  /** A regex the instrumented code created (a literal evaluated, a pattern compiled). */
  created(re: RegExp): void {
    const key = re.flags + '/' + re.source;
    if (this.watched.has(key)) {
      this.tap(re, key);
      return;
    }
    const list = this.objects.get(key);
    if (list) {
      if (list.length < REMEMBER) list.push(re);
    } else if (this.objects.size < MAX_KEYS) this.objects.set(key, [re]);
  }

  /** Taps every regex of these patterns, those created already and those to come. */
  watch(keys: Iterable<string>): void {
    for (const key of keys) {
      if (this.watched.has(key)) continue;
      this.watched.add(key);
      for (const re of this.objects.get(key) ?? []) this.tap(re, key);
      this.objects.delete(key);
    }
  }

  isWatched(key: string): boolean {
    return this.watched.has(key);
  }

  /**
   * Notes the arguments of watched regexes until `endTrace`, and strings looked up in lists of
   * strings (`keywords.indexOf(name)`): input-to-state correspondence, as in Redqueen. A piece of
   * the input compared with constants can be replaced by one of them, which opens the branch
   * that a keyword, a tag or an attribute name guards. Array methods are swapped only for the
   * traced run: untraced runs keep the built-ins.
   */
  beginTrace(): void {
    this.tracing = true;
    this.args = [];
    const taps = this;
    const note = (list: unknown[], x: unknown) => {
      if (typeof x !== 'string' || x.length === 0 || x.length > MAX_LOOKUP || taps.args.length >= MAX_ARGS || list.length > MAX_WANT) return;
      const want: string[] = [];
      for (let i = 0; i < list.length; i++) {
        const v = list[i];
        if (typeof v === 'string' && v !== x && v.length > 0 && v.length <= MAX_LOOKUP) want.push(v);
      }
      if (want.length > 0) taps.args.push({ key: COMPARED, arg: x, want });
    };
    Array.prototype.indexOf = function indexOf(this: unknown[], x: unknown, ...rest: [number?]) {
      if (Array.isArray(this)) note(this, x);
      return nativeIndexOf.call(this, x, ...rest);
    };
    Array.prototype.includes = function includes(this: unknown[], x: unknown, ...rest: [number?]) {
      if (Array.isArray(this)) note(this, x);
      return nativeIncludes.call(this, x, ...rest);
    };
  }

  endTrace(): TracedArg[] {
    this.tracing = false;
    Array.prototype.indexOf = nativeIndexOf;
    Array.prototype.includes = nativeIncludes;
    const out = this.args;
    this.args = [];
    return out;
  }

  private tap(re: RegExp, key: string): void {
    if (Object.prototype.hasOwnProperty.call(re, 'exec')) return;
    const taps = this;
    let ran = false;
    Object.defineProperty(re, 'exec', {
      configurable: true,
      writable: true,
      enumerable: false,
      value: function exec(this: RegExp, s: string) {
        if (!ran) {
          ran = true;
          taps.reached.add(key);
        }
        if (taps.tracing && taps.args.length < MAX_ARGS && typeof s === 'string' && (this.lastIndex === 0 || !(this.global || this.sticky))) {
          // A global regex runs exec once per match: its first call holds the whole string.
          taps.args.push({ key, arg: s });
        }
        return nativeExec.call(this, s);
      },
    });
  }
}
