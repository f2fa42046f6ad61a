//! The bytes a CSV reader splits: the input itself, or, for a file that starts with a UTF-16
//! byte-order mark, its text transcoded to UTF-8.
//!
//! Neither dialect allows UTF-16 (care-plan files are MS932, LIFE files UTF-8 or MS932), but a file
//! saved as "Unicode text" is UTF-16, and read as bytes it is a U+0000 between every two characters and
//! no line the tokenizer can split. Its text is read instead, so that the one finding about the
//! encoding is all the reader reports about it.

use std::io::{self, Read};

/// Which UTF-16 a byte-order mark said.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Utf16 {
    /// `FF FE`.
    Le,
    /// `FE FF`.
    Be,
}

impl Utf16 {
    /// `UTF-16LE` or `UTF-16BE`.
    pub const fn name(self) -> &'static str {
        match self {
            Utf16::Le => "UTF-16LE",
            Utf16::Be => "UTF-16BE",
        }
    }
}

/// An input read as it is, unless it starts with a UTF-16 byte-order mark: then as its text, in UTF-8.
#[derive(Debug)]
pub(crate) struct Source<R> {
    inner: R,
    state: State,
}

#[derive(Debug)]
enum State {
    /// Nothing read yet.
    Start,
    /// The input as it is: first the bytes read to look for a mark (`head[at..len]`).
    Plain { head: [u8; 2], at: usize, len: usize },
    /// The input's UTF-16 text, transcoded.
    Utf16(Box<Transcoder>),
}

/// UTF-16 in, UTF-8 out, a buffer at a time.
struct Transcoder {
    which: Utf16,
    decoder: encoding_rs::Decoder,
    input: Vec<u8>,
    in_at: usize,
    in_len: usize,
    /// The input has ended.
    last: bool,
    output: Vec<u8>,
    out_at: usize,
    out_len: usize,
}

impl std::fmt::Debug for Transcoder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Transcoder").field("which", &self.which).finish_non_exhaustive()
    }
}

const CHUNK: usize = 16 * 1024;

impl<R: Read> Source<R> {
    pub fn new(inner: R) -> Self {
        Source { inner, state: State::Start }
    }

    /// The input as it is, whatever its first bytes: a part of a file read past its start, where
    /// `FF FE` is no byte-order mark.
    pub fn plain(inner: R) -> Self {
        Source { inner, state: State::Plain { head: [0; 2], at: 0, len: 0 } }
    }

    /// The UTF-16 the input's byte-order mark said, once the first bytes are read.
    pub fn utf16(&self) -> Option<Utf16> {
        match &self.state {
            State::Utf16(transcoder) => Some(transcoder.which),
            _ => None,
        }
    }

    /// Reads the first two bytes (however few at a time the input gives them) and decides.
    fn start(&mut self) -> io::Result<()> {
        let mut head = [0; 2];
        let mut len = 0;
        while len < 2 {
            match self.inner.read(&mut head[len..]) {
                Ok(0) => break,
                Ok(n) => len += n,
                Err(error) if error.kind() == io::ErrorKind::Interrupted => {}
                Err(error) => return Err(error),
            }
        }
        let which = match (len, head) {
            (2, [0xFF, 0xFE]) => Some((Utf16::Le, encoding_rs::UTF_16LE)),
            (2, [0xFE, 0xFF]) => Some((Utf16::Be, encoding_rs::UTF_16BE)),
            _ => None,
        };
        self.state = match which {
            None => State::Plain { head, at: 0, len },
            Some((which, encoding)) => State::Utf16(Box::new(Transcoder {
                which,
                // The mark is read: what follows is text (a second mark would be a character).
                decoder: encoding.new_decoder_without_bom_handling(),
                input: vec![0; CHUNK],
                in_at: 0,
                in_len: 0,
                last: false,
                output: vec![0; CHUNK * 2],
                out_at: 0,
                out_len: 0,
            })),
        };
        Ok(())
    }
}

impl<R: Read> Read for Source<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if matches!(self.state, State::Start) {
            self.start()?;
        }
        match &mut self.state {
            State::Start => unreachable!("decided above"),
            State::Plain { head, at, len } => {
                if *at < *len {
                    let n = buf.len().min(*len - *at);
                    buf[..n].copy_from_slice(&head[*at..*at + n]);
                    *at += n;
                    return Ok(n);
                }
                self.inner.read(buf)
            }
            State::Utf16(transcoder) => loop {
                let t = &mut **transcoder;
                if t.out_at < t.out_len {
                    let n = buf.len().min(t.out_len - t.out_at);
                    buf[..n].copy_from_slice(&t.output[t.out_at..t.out_at + n]);
                    t.out_at += n;
                    return Ok(n);
                }
                if t.last && t.in_at == t.in_len {
                    return Ok(0);
                }
                if t.in_at == t.in_len && !t.last {
                    t.in_at = 0;
                    t.in_len = loop {
                        match self.inner.read(&mut t.input) {
                            Ok(n) => break n,
                            Err(error) if error.kind() == io::ErrorKind::Interrupted => {}
                            Err(error) => return Err(error),
                        }
                    };
                    t.last = t.in_len == 0;
                }
                // Unpaired surrogates become U+FFFD: the file is reported as UTF-16 already.
                let (_, read, written, _) =
                    t.decoder.decode_to_utf8(&t.input[t.in_at..t.in_len], &mut t.output, t.last);
                t.in_at += read;
                t.out_at = 0;
                t.out_len = written;
                if t.last && written == 0 {
                    t.in_at = t.in_len;
                    return Ok(0);
                }
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::{Source, Utf16};

    /// Hands over its bytes `step` at a time.
    struct Trickle<'a>(&'a [u8], usize);

    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = self.1.min(buf.len()).min(self.0.len());
            buf[..n].copy_from_slice(&self.0[..n]);
            self.0 = &self.0[n..];
            Ok(n)
        }
    }

    fn utf16(text: &str, le: bool) -> Vec<u8> {
        let mut bytes = if le { vec![0xFF, 0xFE] } else { vec![0xFE, 0xFF] };
        for unit in text.encode_utf16() {
            bytes.extend_from_slice(&if le { unit.to_le_bytes() } else { unit.to_be_bytes() });
        }
        bytes
    }

    #[test]
    fn utf16_is_read_as_its_text_and_anything_else_as_it_is() {
        let text = "202407,訪問介護ひまわり,𠮷\r\n".repeat(2000);
        for step in [1, 2, 3, 7, 1 << 20] {
            for (le, which) in [(true, Utf16::Le), (false, Utf16::Be)] {
                let bytes = utf16(&text, le);
                let mut source = Source::new(Trickle(&bytes, step));
                let mut out = Vec::new();
                source.read_to_end(&mut out).expect("in memory");
                assert_eq!(String::from_utf8(out).expect("UTF-8"), text, "{step}");
                assert_eq!(source.utf16(), Some(which));
            }
            for plain in [&b""[..], b"a", b"\xFF", b"\xFF\xFF,x", b"\xFE", text.as_bytes()] {
                let mut source = Source::new(Trickle(plain, step));
                let mut out = Vec::new();
                source.read_to_end(&mut out).expect("in memory");
                assert_eq!(out, plain, "{step}");
                assert_eq!(source.utf16(), None);
            }
        }
    }
}
