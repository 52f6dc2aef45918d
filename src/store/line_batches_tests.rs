use super::*;
use crate::core::stats::SessionFacts;
use crate::store::file_lines::MAX_LINE_BYTES;

fn session(i: usize) -> String {
    format!(
        "{{\"kind\":\"session\",\"id\":\"s{i}\",\"started_at\":\"2026-11-20T22:00:00+01:00\",\
             \"steps\":[{{\"name\":\"Calf\",\"status\":\"completed\",\"pad\":\"{}\"}}]}}",
        "x".repeat(i % 700)
    )
}

/// A session kept as its id and where its line lies.
#[derive(Debug, PartialEq)]
struct Placed {
    id: String,
    at: (u64, u64),
}

impl From<crate::core::history::SessionRecord> for Placed {
    fn from(record: crate::core::history::SessionRecord) -> Self {
        Self {
            id: record.id,
            at: (0, 0),
        }
    }
}

impl FromSessionLine for Placed {
    fn place(&mut self, offset: u64, len: u64) {
        self.at = (offset, len);
    }
}

/// What reading `text` on `workers` threads gives, and every complete line's length.
fn read<S: FromSessionLine + Send>(
    text: &[u8],
    workers: usize,
) -> (FileLines<S>, FileLines<S>, u64) {
    let mut lines = Lines::new(text, MAX_LINE_BYTES);
    let (mut body, mut tail) = (FileLines::default(), FileLines::default());
    let mut seen = 0;
    let sink = Sink {
        body: &mut body,
        tail: &mut tail,
    };
    take_with(workers, &mut lines, (10, 0), sink, |line| seen += line.len).expect("read");
    (body, tail, seen)
}

const CRAMP: &str = "{\"kind\":\"cramp\",\"id\":\"c\",\"night\":\"2026-11-20\",\"severity\":2,\
                         \"logged_at\":\"2026-11-21T07:15:00+01:00\"}\n";

#[test]
fn threads_give_what_one_thread_gives_in_file_order() {
    let mut text = String::new();
    for i in 0..6000 {
        match i % 997 {
            5 => text.push_str("garbage\n"),
            6 => text.push('\n'),
            7 => text.push_str(CRAMP),
            _ => text.push_str(&(session(i) + "\r\n")),
        }
    }
    text.push_str("{\"kind\":\"session\",\"torn");
    assert!(text.len() > 4 * BATCH_BYTES, "batches for every thread");
    let alone = read::<SessionFacts>(text.as_bytes(), 1);
    let placed = read::<Placed>(text.as_bytes(), 1);
    for workers in [2, 3, 4] {
        assert_eq!(alone, read(text.as_bytes(), workers), "{workers} threads");
        assert_eq!(placed, read(text.as_bytes(), workers), "{workers} threads");
    }
    for s in placed.0.sessions.iter().chain(&placed.1.sessions) {
        let (start, len) = (s.at.0 as usize, s.at.1 as usize);
        let needle = format!("\"id\":\"{}\"", s.id);
        assert!(
            text[start..start + len].contains(&needle),
            "{} placed",
            s.id
        );
    }
    let threaded = read::<SessionFacts>(text.as_bytes(), 2);
    let (body, tail, seen) = threaded;
    assert_eq!(body.sessions.len(), 6000 - 3 * 7);
    assert_eq!(body.sessions[0].id, "s0");
    assert_eq!(body.sessions.last().map(|s| s.id.as_str()), Some("s5999"));
    assert_eq!(body.cramps.len(), 7);
    assert_eq!(
        body.bad.first[0].line, 16,
        "numbered on from the lines before"
    );
    assert_eq!(body.bad.more, 4);
    assert_eq!(tail.bad.first.len(), 1);
    assert_eq!(seen, text.rfind('\n').expect("a line break") as u64 + 1);
}
