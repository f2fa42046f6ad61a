//! Whole-value matching for the small patterns layouts state (`[0-9]{10}|H[0-9]{9}`, `-?[0-9]+`,
//! `[01]{31}`, `[0-9]{3}-[0-9]{4}`), each parsed once per thread into a small program of steps and
//! found again by the address of its text. A CSV file meets such a pattern in every record, and the
//! general engine ([`super::engine_match`], a Pike VM) cost more than every other check of a record
//! together.
//!
//! The subset: alternatives (`|`) of literal characters, `.`, `\d`, escaped meta characters and
//! bracket classes of characters and ranges (`[0-9A-Z_]`, `[^,]`), each optionally repeated (`?`,
//! `*`, `+`, `{n}`, `{n,}`, `{n,m}` up to 100). Matching backtracks, within a step budget. `None`
//! means "not decided here": some part of the pattern is outside the subset (a group, an anchor, a
//! lazy repetition, another escape), or the budget ran out; the general engine then decides. Within
//! the subset the syntax and meaning are the engine's (regex-lite's), so the verdict is always the
//! engine's.

use std::cell::RefCell;

/// Atoms tried before the general engine takes over.
const BUDGET: u32 = 4096;
/// Largest repetition bound decided here.
const MAX_REPEAT: u32 = 100;
/// Patterns remembered per thread (layouts state a handful).
const CACHED: usize = 64;

thread_local! {
    /// Each pattern met, with its program (`None`: outside the subset) and the address its text was
    /// last met at.
    static PROGRAMS: RefCell<Vec<Known>> = const { RefCell::new(Vec::new()) };
}

struct Known {
    /// Where the text was met last: items are constants, so a pattern is usually met at one address
    /// again and again, and comparing the text at that address alone confirms it.
    at: usize,
    pattern: Box<str>,
    program: Option<Program>,
}

pub(crate) fn is_match(pattern: &str, value: &str) -> Option<bool> {
    PROGRAMS.with(|programs| {
        let mut programs = programs.borrow_mut();
        let at = pattern.as_ptr() as usize;
        let known = match programs.iter().position(|k| k.at == at && *k.pattern == *pattern) {
            Some(index) => Some(index),
            None => programs.iter().position(|k| *k.pattern == *pattern),
        };
        if let Some(index) = known {
            programs[index].at = at;
            return programs[index].program.as_ref()?.matches(value);
        }
        let program = compile(pattern);
        let verdict = program.as_ref().and_then(|program| program.matches(value));
        if programs.len() < CACHED {
            programs.push(Known { at, pattern: pattern.into(), program });
        }
        verdict
    })
}

/// A pattern of the subset, parsed: its alternatives, each a sequence of repeated atoms.
struct Program {
    alternatives: Vec<Alternative>,
}

struct Alternative {
    steps: Vec<Step>,
    /// When every step repeats a fixed number of times and admits ASCII characters only (`[0-9]{10}`,
    /// `H[0-9]{9}`, `[0-9]{3}-[0-9]{4}`): what each position admits, as an ASCII bitmap. Such an
    /// alternative matches a value of exactly that many bytes, each admitted at its position, without
    /// backtracking; most patterns layouts state are of this kind, and a file meets them on every line.
    /// Each bitmap is two words: a `u128` shifted by a byte took twice the instructions per position.
    positions: Option<Box<[[u64; 2]]>>,
}

impl Alternative {
    fn new(steps: Vec<Step>) -> Alternative {
        let positions = steps
            .iter()
            .map(|step| {
                let ascii = match &step.admits {
                    Admits::Char(c) if c.is_ascii() => 1u128 << (*c as u32),
                    Admits::Class { ascii, ranges, negated: false } if ranges.is_empty() => *ascii,
                    _ => return None,
                };
                let halves = [ascii as u64, (ascii >> 64) as u64];
                (step.max == Some(step.min)).then(|| std::iter::repeat_n(halves, step.min as usize))
            })
            .collect::<Option<Vec<_>>>()
            .map(|steps| steps.into_iter().flatten().collect());
        Alternative { steps, positions }
    }

    fn matches(&self, value: &str, budget: &mut u32) -> Option<bool> {
        match &self.positions {
            // A byte outside ASCII belongs to a character no position admits.
            Some(positions) => Some(
                value.len() == positions.len()
                    && value.bytes().zip(positions.iter()).all(|(b, admits)| {
                        admits.get(usize::from(b >> 6)).is_some_and(|half| half >> (b & 63) & 1 == 1)
                    }),
            ),
            None => run(&self.steps, value, budget),
        }
    }
}

struct Step {
    admits: Admits,
    min: u32,
    max: Option<u32>,
}

/// What one character position admits.
enum Admits {
    Char(char),
    /// `.`: anything but a line feed.
    Any,
    /// A class (`\d` is one): ASCII characters as a bitmap, others as ranges.
    Class {
        ascii: u128,
        ranges: Box<[(char, char)]>,
        negated: bool,
    },
}

impl Admits {
    #[inline]
    fn admits(&self, c: char) -> bool {
        match self {
            Admits::Char(expected) => c == *expected,
            Admits::Any => c != '\n',
            Admits::Class { ascii, ranges, negated } => {
                let inside = if c.is_ascii() {
                    ascii >> (c as u32) & 1 == 1
                } else {
                    ranges.iter().any(|(first, last)| (*first..=*last).contains(&c))
                };
                inside != *negated
            }
        }
    }
}

fn class_of(items: impl Iterator<Item = (char, char)>, negated: bool) -> Admits {
    let mut ascii = 0u128;
    let mut ranges = Vec::new();
    for (first, last) in items {
        for c in first..=last.min('\x7F') {
            ascii |= 1 << (c as u32);
        }
        if last > '\x7F' {
            ranges.push((first.max('\u{80}'), last));
        }
    }
    Admits::Class { ascii, ranges: ranges.into_boxed_slice(), negated }
}

/// The program of `pattern`, or `None` if any part of it is outside the subset (a part outside
/// it could make the pattern invalid, which the engine treats as matching nothing).
fn compile(pattern: &str) -> Option<Program> {
    let mut alternatives = Vec::new();
    let mut rest = Some(pattern);
    while let Some(text) = rest {
        let (alternative, next) = split_alternative(text);
        let mut steps = Vec::new();
        let mut atoms = alternative;
        while !atoms.is_empty() {
            let (atom, min, max, after) = atom(atoms)?;
            let admits = match atom {
                Atom::Char(c) => Admits::Char(c),
                Atom::Any => Admits::Any,
                Atom::Digit => class_of(std::iter::once(('0', '9')), false),
                Atom::Class(inside, negated) => class_of(class_items(inside), negated),
            };
            steps.push(Step { admits, min, max });
            atoms = after;
        }
        alternatives.push(Alternative::new(steps));
        rest = next;
    }
    Some(Program { alternatives })
}

impl Program {
    /// Whether the whole of `value` matches; `None` when the step budget runs out.
    fn matches(&self, value: &str) -> Option<bool> {
        let mut budget = BUDGET;
        for alternative in &self.alternatives {
            if alternative.matches(value, &mut budget)? {
                return Some(true);
            }
        }
        Some(false)
    }
}

/// Whether the whole of `value` matches `steps`.
fn run(steps: &[Step], value: &str, budget: &mut u32) -> Option<bool> {
    let Some((step, rest)) = steps.split_first() else {
        return Some(value.is_empty());
    };
    *budget = budget.checked_sub(1)?;
    // Take as many characters as the atom admits (up to `max`), then give them back one at a
    // time until the rest matches.
    let mut taken = 0;
    let mut end = 0;
    for c in value.chars() {
        if step.max == Some(taken) || !step.admits.admits(c) {
            break;
        }
        taken += 1;
        end += c.len_utf8();
    }
    if taken < step.min {
        return Some(false);
    }
    if rest.is_empty() {
        return Some(end == value.len());
    }
    loop {
        if run(rest, &value[end..], budget)? {
            return Some(true);
        }
        if taken == step.min {
            return Some(false);
        }
        taken -= 1;
        end -= value[..end].chars().next_back().map_or(0, char::len_utf8);
    }
}

/// The first alternative of `text`, and what follows its `|` (`None` after the last).
fn split_alternative(text: &str) -> (&str, Option<&str>) {
    let bytes = text.as_bytes();
    let mut in_class = false;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 1,
            b'[' => in_class = true,
            b']' => in_class = false,
            b'|' if !in_class => return (&text[..i], Some(&text[i + 1..])),
            _ => {}
        }
        i += 1;
    }
    (text, None)
}

/// What one character position admits.
#[derive(Clone, Copy)]
enum Atom<'p> {
    Char(char),
    /// `.`: anything but a line feed.
    Any,
    /// `\d`: an ASCII digit.
    Digit,
    /// `[...]`: its inside (checked by [`class`]) and whether it is negated.
    Class(&'p str, bool),
}

/// The characters of a class's inside, escapes resolved (`true`: it was escaped).
fn class_chars(inside: &str) -> impl Iterator<Item = (char, bool)> + Clone + '_ {
    let mut chars = inside.chars();
    std::iter::from_fn(move || match chars.next()? {
        '\\' => chars.next().map(|c| (c, true)),
        c => Some((c, false)),
    })
}

/// The ranges of a class's inside (a single character is a range of one; `\d` is `0-9`), read
/// as the engine reads them: `a-z` is a range unless the `-` is last.
fn class_items(inside: &str) -> impl Iterator<Item = (char, char)> + '_ {
    let mut chars = class_chars(inside).peekable();
    std::iter::from_fn(move || {
        let (first, escaped) = chars.next()?;
        if escaped && first == 'd' {
            return Some(('0', '9'));
        }
        let mut ahead = chars.clone();
        if let (Some(('-', false)), Some((last, _))) = (ahead.next(), ahead.next()) {
            chars = ahead;
            return Some((first, last));
        }
        Some((first, first))
    })
}

/// The inside of the class that `text` (just after its `[`) opens, whether it is negated, and
/// the text after its `]`; `None` for a class outside the subset.
fn class(text: &str) -> Option<(&str, bool, &str)> {
    let (negated, body) = match text.strip_prefix('^') {
        Some(body) => (true, body),
        None => (false, text),
    };
    let bytes = body.as_bytes();
    // A `]` or `-` first is literal to the engine, `[` opens a POSIX class, `&&`, `--` and `~~`
    // are set operations: all left to the engine.
    if matches!(bytes.first(), None | Some(b']' | b'-')) {
        return None;
    }
    let mut i = 0;
    loop {
        match *bytes.get(i)? {
            b']' => break,
            b'[' => return None,
            b @ (b'&' | b'-' | b'~') if bytes.get(i + 1) == Some(&b) => return None,
            b'\\' => {
                let escaped = *bytes.get(i + 1)?;
                if escaped != b'd' && !is_meta(escaped) {
                    return None;
                }
                i += 1;
            }
            _ => {}
        }
        i += 1;
    }
    let inside = &body[..i];
    // A range must run upwards between two characters (`\d` cannot end one).
    let mut items = class_chars(inside).peekable();
    while let Some((first, escaped)) = items.next() {
        let mut ahead = items.clone();
        if let (Some(('-', false)), Some((last, last_escaped))) = (ahead.next(), ahead.next()) {
            if (escaped && first == 'd') || (last_escaped && last == 'd') || first > last {
                return None;
            }
            items = ahead;
        }
    }
    Some((inside, negated, &body[i + 1..]))
}

/// The engine's meta characters: the escapes the subset reads as literals.
fn is_meta(b: u8) -> bool {
    matches!(
        b,
        b'\\'
            | b'.'
            | b'+'
            | b'*'
            | b'?'
            | b'('
            | b')'
            | b'|'
            | b'['
            | b']'
            | b'{'
            | b'}'
            | b'^'
            | b'$'
            | b'#'
            | b'&'
            | b'-'
            | b'~'
    )
}

/// The first atom of `pattern`, its repetition bounds (`None`: no maximum) and the rest.
fn atom(pattern: &str) -> Option<(Atom<'_>, u32, Option<u32>, &str)> {
    let mut chars = pattern.chars();
    let (atom, rest) = match chars.next()? {
        '.' => (Atom::Any, chars.as_str()),
        '[' => {
            let (inside, negated, rest) = class(chars.as_str())?;
            (Atom::Class(inside, negated), rest)
        }
        '\\' => match chars.next()? {
            'd' => (Atom::Digit, chars.as_str()),
            c if c.is_ascii() && is_meta(c as u8) => (Atom::Char(c), chars.as_str()),
            _ => return None,
        },
        '(' | ')' | '^' | '$' | '{' | '}' | ']' | '|' | '?' | '*' | '+' => return None,
        c => (Atom::Char(c), chars.as_str()),
    };
    let (min, max, rest) = repetition(rest)?;
    Some((atom, min, max, rest))
}

fn repetition(text: &str) -> Option<(u32, Option<u32>, &str)> {
    let (min, max, rest) = match text.as_bytes().first() {
        Some(b'?') => (0, Some(1), &text[1..]),
        Some(b'*') => (0, None, &text[1..]),
        Some(b'+') => (1, None, &text[1..]),
        Some(b'{') => {
            let close = text.find('}')?;
            let number = |digits: &str| -> Option<u32> {
                if digits.is_empty() || digits.len() > 3 || !digits.bytes().all(|b| b.is_ascii_digit()) {
                    return None;
                }
                digits.parse().ok().filter(|n| *n <= MAX_REPEAT)
            };
            let inside = &text[1..close];
            let (min, max) = match inside.split_once(',') {
                None => {
                    let n = number(inside)?;
                    (n, Some(n))
                }
                Some((min, "")) => (number(min)?, None),
                Some((min, max)) => (number(min)?, Some(number(max)?)),
            };
            if max.is_some_and(|max| max < min) {
                return None;
            }
            (min, max, &text[close + 1..])
        }
        _ => return Some((1, Some(1), text)),
    };
    // Lazy (`*?`) or stacked (`a**`) repetitions: left to the engine.
    if matches!(rest.as_bytes().first(), Some(b'?' | b'*' | b'+' | b'{')) {
        return None;
    }
    Some((min, max, rest))
}

#[cfg(test)]
mod tests {
    /// Every value over a small alphabet up to `len` characters long.
    fn values(alphabet: &[&str], len: usize) -> Vec<String> {
        let mut all = vec![String::new()];
        let mut last = vec![String::new()];
        for _ in 0..len {
            last = last.iter().flat_map(|v| alphabet.iter().map(move |a| format!("{v}{a}"))).collect();
            all.extend(last.iter().cloned());
        }
        all
    }

    #[test]
    fn simple_patterns_agree_with_the_engine() {
        let decided = [
            "-?[0-9]+",
            "[0-9]{1,2}\\.[0-9]{2}",
            "[0-9]{2}|H[0-9]{1}",
            "[0-9]{1}-[0-9]{2}",
            "[01]{3}",
            "",
            "a|",
            "|a",
            "a.c?",
            "[^0-9]+",
            "\\d{2,3}x?",
            "[a-c\\-]*",
            "[a-]+",
            "[.-]?1",
            "x*x*1",
            "[H0-1あ-う]{0,}9*",
            "\\.\\|\\-[\\]\\[]",
            "[a|b]|c",
            "#&~ -",
            "[0-9H]{2}x",
            "H[019]{1,1}[.|]{2}",
            "[^0-9]{2}",
        ];
        let alphabet = ["0", "1", "9", "H", "a", "c", "x", "-", ".", "|", "]", "\n", "あ", "ｱ"];
        let all = values(&alphabet, 3);
        for pattern in decided {
            assert!(crate::pattern::is_valid(pattern), "{pattern:?} is a valid pattern");
            for value in &all {
                let engine = crate::pattern::engine_match(pattern, value);
                assert_eq!(super::is_match(pattern, value), Some(engine), "{pattern:?} on {value:?}");
            }
        }
        for (pattern, value, expected) in [
            ("[0-9]{10}|H[0-9]{9}", "0123456789", true),
            ("[0-9]{10}|H[0-9]{9}", "H123456789", true),
            ("[0-9]{10}|H[0-9]{9}", "H1234567890", false),
            ("[01]{31}", "1010101010101010101010101010101", true),
            ("[01]{31}", "101010101010101010101010101010", false),
        ] {
            assert_eq!(super::is_match(pattern, value), Some(expected), "{pattern:?} on {value:?}");
            assert_eq!(crate::pattern::engine_match(pattern, value), expected);
        }
    }

    #[test]
    fn fixed_ascii_alternatives_are_matched_by_position() {
        let fixed = |pattern: &str| -> Vec<Option<usize>> {
            let program = super::compile(pattern).expect("in the subset");
            program.alternatives.iter().map(|a| a.positions.as_ref().map(|p| p.len())).collect()
        };
        assert_eq!(fixed("[0-9]{10}|H[0-9]{9}"), [Some(10), Some(10)]);
        assert_eq!(fixed("[0-9]{3}-[0-9]{4}|"), [Some(8), Some(0)]);
        // Repeated a varying number of times, any character, or a class that admits more than ASCII.
        assert_eq!(fixed("-?[0-9]+|a.c|[^0-9]{2}|[あ-う]{2}"), [None, None, None, None]);
    }

    #[test]
    fn other_patterns_are_left_to_the_engine() {
        for pattern in [
            "(a|b)c",
            "^a$",
            "a*?",
            "a**",
            "\\w+",
            "\\s",
            "\\p{L}",
            "[[:alpha:]]",
            "[]a]",
            "[a&&b]",
            "[a--b]",
            "[9-0]",
            "a{2,1}",
            "a{1000}",
            "\\%",
            "[\\d-z]",
            "a{",
            "}",
            "]",
            "[^]a]",
            "[-a]",
            "(?i)a",
            "a|(",
        ] {
            assert_eq!(super::is_match(pattern, "a"), None, "{pattern:?}");
        }
        // Backtracking stops at its budget: the engine decides.
        let long = "1".repeat(60);
        assert_eq!(super::is_match("1*1*1*1*1*2", &long), None);
    }
}
