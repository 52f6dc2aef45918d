use super::*;

fn facts(secs: i64, counts: bool) -> SessionFacts {
    let started_at = DateTime::from_timestamp(secs, 5)
        .expect("time")
        .with_timezone(&FixedOffset::east_opt(3600).expect("offset"));
    SessionFacts {
        id: secs.to_string(),
        routine_name: String::new(),
        started_at,
        completed: 4,
        planned: 5,
        skipped: Vec::new(),
        hurt: Vec::new(),
        counts,
    }
}

fn stamp() -> Stamp {
    Stamp {
        len: 10,
        mtime_ns: 1,
        ctime_ns: 2,
        ino: 3,
    }
}

/// The bytes with the hash made right again, as a stranger who knows the layout would.
fn rehashed(bytes: Vec<u8>) -> Vec<u8> {
    sealed::seal(MAGIC, VERSION, &bytes[MAGIC.len() + 12..])
}

#[test]
fn what_is_written_reads_back_and_a_well_hashed_lie_is_refused() {
    let current = vec![("a.jsonl".to_string(), stamp())];
    let files = || current.iter().map(|(n, s)| (n.as_str(), s));
    let sessions = [facts(1_700_000_000, true), facts(1_700_090_000, false)];
    let read = |warnings, pauses| Source {
        sessions: sessions.iter(),
        pauses,
        warnings,
    };
    let bytes = encode(files(), read(&[], Vec::new())).expect("encoded");
    let back = parse(&bytes, &current, i128::MAX).expect("parsed");
    assert_eq!(back.sessions, vec![sessions[0].counting().expect("counts")]);
    let warned = ["a.jsonl:3:1: skipped a line".to_string()];
    let line = r#"{"v":1,"kind":"pause","id":"p","from":"2026-12-06","until":"2026-12-08","why":"travel","logged_at":"2026-12-10T23:00:00+01:00"}"#;
    let pause = PauseRecord::parse(line).expect("a pause line");
    let with = encode(files(), read(&warned, vec![&pause])).expect("encoded");
    let back = parse(&with, &current, i128::MAX).expect("parsed");
    assert_eq!((back.sessions.len(), back.warnings), (1, warned.to_vec()));
    assert_eq!(back.pauses, [pause]);
    assert!(parse(&bytes, &current, 0).is_none(), "a racy stamp");

    // A start no calendar holds, an offset of a day, four billion sessions.
    let at = bytes.len() - SESSION_BYTES;
    let mut far = bytes.clone();
    far[at..at + 8].copy_from_slice(&i64::MAX.to_le_bytes());
    let mut offset = bytes.clone();
    offset[at + 12..at + 16].copy_from_slice(&86_400i32.to_le_bytes());
    let mut many = bytes.clone();
    many[at - 4..at].copy_from_slice(&u32::MAX.to_le_bytes());
    for lie in [far, offset, many] {
        assert!(parse(&rehashed(lie), &current, i128::MAX).is_none());
    }
}
