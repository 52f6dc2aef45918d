//! The summary cache, and the streak cache `status` reads, give the same answers as reading
//! every file, whatever happens to the files (or to the caches) between two reads.

use std::fs::{self, OpenOptions};
use std::io::Write;

use bedstretch::core::stats::SessionFacts;
use bedstretch::core::streaks::CountingSession;
use bedstretch::store::history_read::{self, read_facts, read_facts_uncached};
use bedstretch::store::paths::Paths;
use bedstretch::store::streak_cache;

fn line(n: u32, completed: bool) -> String {
    let status = if completed { "completed" } else { "skipped" };
    format!(
        "{{\"v\":1,\"kind\":\"session\",\"id\":\"s{n}\",\"routine\":\"quick\",\"routine_name\":\"Quick\",\
         \"started_at\":\"2026-11-{:02}T22:00:00+01:00\",\"ended_at\":\"2026-11-{:02}T22:05:00+01:00\",\
         \"outcome\":\"completed\",\"steps\":[{{\"name\":\"Toe curls\",\"planned_secs\":30,\"done_secs\":30,\"status\":\"{status}\"}}]}}\n",
        n % 28 + 1,
        n % 28 + 1
    )
}

struct Folder {
    _dir: tempfile::TempDir,
    paths: Paths,
}

impl Folder {
    fn new() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let paths = Paths {
            config_dir: dir.path().join("config"),
            data_dir: dir.path().join("data"),
        };
        fs::create_dir_all(paths.history_dir()).expect("mkdir");
        Self { _dir: dir, paths }
    }

    fn append(&self, file: &str, text: &str) {
        let mut f = OpenOptions::new()
            .create(true)
            .append(true)
            .open(self.paths.history_dir().join(file))
            .expect("open");
        f.write_all(text.as_bytes()).expect("write");
    }

    /// Cached and uncached reads agree: same sessions, same warnings; and status's counting
    /// sessions, from its cache or not, are the counting ones among them.
    fn check(&self) -> Vec<String> {
        // Long after every session here, so none is dated ahead of it.
        let now = chrono::DateTime::parse_from_rfc3339("2100-01-01T00:00:00+00:00").expect("now");
        let counting = history_read::read_counting(&self.paths, now).expect("status read");
        let cached = read_facts(&self.paths).expect("cached read");
        let plain = read_facts_uncached(&self.paths).expect("plain read");
        assert_eq!(cached.sessions, plain.sessions);
        assert_eq!(cached.warnings, plain.warnings);
        // Status says what every command says, from its cache or not.
        assert_eq!(counting.warnings, plain.warnings);
        let counting = counting.sessions;
        assert_eq!(counting, counting_of(&plain.sessions));
        cached.sessions.iter().map(|s| s.id.clone()).collect()
    }

    fn streak_cache(&self) -> std::path::PathBuf {
        streak_cache::cache_path(&self.paths)
    }

    /// Dates the streak cache a minute after its writing, as if written well after every
    /// history file changed, so that it is trusted (a file changed within 2 s of the cache is
    /// not) without the test waiting.
    fn trust_streak_cache(&self) {
        let path = self.streak_cache();
        let file = OpenOptions::new().append(true).open(&path).expect("open");
        let written = file.metadata().expect("meta").modified().expect("time");
        file.set_modified(written + std::time::Duration::from_secs(60))
            .expect("set time");
    }
}

fn counting_of(sessions: &[SessionFacts]) -> Vec<CountingSession> {
    sessions.iter().filter_map(SessionFacts::counting).collect()
}

#[test]
fn appends_rewrites_torn_lines_and_a_broken_cache_all_read_right() {
    let folder = Folder::new();
    folder.append(
        "a.jsonl",
        &(1..=5).map(|n| line(n, true)).collect::<String>(),
    );
    folder.append("b.jsonl", &line(6, true));
    assert_eq!(folder.check().len(), 6, "first read builds the cache");
    assert!(
        folder
            .paths
            .data_dir
            .join("cache/history-summary.bin")
            .exists()
    );
    assert_eq!(folder.check().len(), 6, "second read comes from it");

    folder.append("a.jsonl", &line(7, false));
    assert_eq!(folder.check().len(), 7, "an appended line is read");

    folder.append("a.jsonl", "{\"v\":1,\"kind\":\"session\",\"id\":\"s8");
    assert_eq!(folder.check().len(), 7, "a torn line is skipped, and said");
    assert_eq!(read_facts(&folder.paths).expect("read").warnings.len(), 1);
    folder.append(
        "a.jsonl",
        "\",\"started_at\":\"2026-11-20T22:00:00+01:00\",\"steps\":[]}\n",
    );
    assert_eq!(folder.check().len(), 8, "once completed, it is read");

    // Rewritten in place by a sync tool: same length, other content.
    let path = folder.paths.history_dir().join("b.jsonl");
    let text = fs::read_to_string(&path).expect("read");
    fs::write(&path, text.replace("\"s6\"", "\"s9\"")).expect("rewrite");
    let ids = folder.check();
    assert!(
        ids.contains(&"s9".to_string()) && !ids.contains(&"s6".to_string()),
        "{ids:?}"
    );

    fs::write(&path, "").expect("truncate");
    assert_eq!(
        folder.check().len(),
        7,
        "a shorter file is read again from the start"
    );

    fs::write(
        folder.paths.data_dir.join("cache/history-summary.bin"),
        "{ not json",
    )
    .expect("break");
    assert_eq!(folder.check().len(), 7, "a broken cache is rebuilt");
    fs::remove_file(path).expect("remove");
    assert_eq!(folder.check().len(), 7, "a removed file leaves the rest");
}

/// Sets every history file's time well before now, so the cache trusts what it saw and the
/// append path (reading only the new tail) is the one taken.
fn age(folder: &Folder, seconds_ago: u64) {
    for entry in fs::read_dir(folder.paths.history_dir()).expect("list") {
        let path = entry.expect("entry").path();
        let file = OpenOptions::new().append(true).open(&path).expect("open");
        let past =
            std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_700_000_000 + seconds_ago);
        file.set_modified(past).expect("set time");
    }
}

#[test]
fn the_append_path_reads_only_what_is_new_and_still_agrees() {
    let folder = Folder::new();
    folder.append(
        "a.jsonl",
        &(1..=20).map(|n| line(n, n % 3 != 0)).collect::<String>(),
    );
    age(&folder, 0);
    assert_eq!(folder.check().len(), 20);
    folder.append("a.jsonl", &line(21, true));
    age(&folder, 10);
    assert_eq!(folder.check().len(), 21, "the appended line is found");
    // The same length, a new time: not an append, so read again from the start.
    let path = folder.paths.history_dir().join("a.jsonl");
    let text = fs::read_to_string(&path).expect("read");
    fs::write(&path, text.replacen("\"s1\"", "\"x1\"", 1)).expect("rewrite");
    age(&folder, 20);
    let ids = folder.check();
    assert!(ids.contains(&"x1".to_string()), "{ids:?}");
    // Rewritten and longer, but not by appending: the bytes before the old end differ.
    let text = fs::read_to_string(&path).expect("read");
    let longer = text.replace("\"s21\"", "\"y21\"") + &line(22, true);
    fs::write(&path, longer).expect("rewrite");
    age(&folder, 30);
    let ids = folder.check();
    assert!(
        ids.contains(&"y21".to_string()) && !ids.contains(&"s21".to_string()),
        "{ids:?}"
    );
}

#[test]
fn the_streak_cache_is_used_only_while_every_file_is_as_it_names() {
    let folder = Folder::new();
    folder.append(
        "a.jsonl",
        &(1..=5).map(|n| line(n, true)).collect::<String>(),
    );
    folder.append("b.jsonl", &line(6, false));
    assert_eq!(folder.check().len(), 6);
    assert!(folder.streak_cache().exists(), "the first read writes it");
    assert!(
        streak_cache::read(&folder.paths).is_none(),
        "files changed just before it was written are not trusted"
    );
    folder.trust_streak_cache();
    let cached = streak_cache::read(&folder.paths).expect("trusted now");
    assert_eq!(cached.sessions.len(), 6);

    // Any change to a file: an append, a rewrite of the same length, a new file, a file gone.
    let b = folder.paths.history_dir().join("b.jsonl");
    let changes: [&dyn Fn(); 4] = [
        &|| folder.append("a.jsonl", &line(7, true)),
        &|| {
            let text = fs::read_to_string(&b).expect("read");
            fs::write(&b, text.replace("\"s6\"", "\"s8\"")).expect("rewrite");
        },
        &|| folder.append("c.jsonl", &line(9, true)),
        &|| fs::remove_file(folder.paths.history_dir().join("c.jsonl")).expect("remove"),
    ];
    for change in changes {
        change();
        assert!(streak_cache::read(&folder.paths).is_none(), "stale");
        folder.check();
        folder.trust_streak_cache();
        assert!(streak_cache::read(&folder.paths).is_some(), "renewed");
        folder.check();
    }

    fs::remove_file(folder.streak_cache()).expect("delete");
    assert_eq!(folder.check().len(), 7, "a deleted cache loses nothing");
    assert!(folder.streak_cache().exists(), "and is written again");
}

#[test]
fn a_truncated_corrupt_or_hostile_streak_cache_is_never_believed() {
    let folder = Folder::new();
    folder.append(
        "a.jsonl",
        &(1..=4).map(|n| line(n, true)).collect::<String>(),
    );
    folder.check();
    folder.trust_streak_cache();
    let good = fs::read(folder.streak_cache()).expect("read");
    assert!(streak_cache::read(&folder.paths).is_some());

    let mut bad: Vec<Vec<u8>> = (0..good.len()).map(|n| good[..n].to_vec()).collect();
    for i in 0..good.len() {
        let mut flipped = good.clone();
        flipped[i] ^= 0x40;
        bad.push(flipped);
    }
    let mut longer = good.clone();
    longer.extend([0; 24]);
    bad.push(longer);
    bad.push(b"{ not a streak cache".to_vec());
    bad.push(vec![0xff; 4096]);
    for bytes in bad {
        fs::write(folder.streak_cache(), &bytes).expect("break");
        folder.trust_streak_cache();
        assert!(streak_cache::read(&folder.paths).is_none(), "{bytes:?}");
        assert_eq!(folder.check().len(), 4, "read from the history instead");
    }

    // A cache from another history, whole and hashed, but not of these files.
    let other = Folder::new();
    other.append("a.jsonl", &line(1, true));
    other.check();
    fs::copy(other.streak_cache(), folder.streak_cache()).expect("copy");
    folder.trust_streak_cache();
    assert!(streak_cache::read(&folder.paths).is_none());
    assert_eq!(folder.check().len(), 4);

    // A folder where the cache should be: read around, never written over.
    fs::remove_file(folder.streak_cache()).expect("remove");
    fs::create_dir(folder.streak_cache()).expect("mkdir");
    assert!(streak_cache::read(&folder.paths).is_none());
    assert_eq!(folder.check().len(), 4);
}

mod split {
    use super::*;
    use bedstretch::core::calendar::Rules;
    use bedstretch::core::stats::Stats;
    use chrono::DateTime;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]

        /// The same lines, in any order, over one to three device files, some of them twice,
        /// give the same stats.
        #[test]
        fn splitting_lines_across_device_files_changes_nothing(
            kept in proptest::collection::vec(any::<bool>(), 1..30),
            placement in proptest::collection::vec((0usize..3, any::<bool>()), 30),
        ) {
            let lines: Vec<String> = kept.iter().enumerate().map(|(n, k)| line(n as u32, *k)).collect();
            let one = Folder::new();
            one.append("a.jsonl", &lines.concat());
            let many = Folder::new();
            for (text, (file, twice)) in lines.iter().rev().zip(&placement) {
                many.append(&format!("dev{file}.jsonl"), text);
                if *twice {
                    many.append(&format!("dev{}.jsonl", (file + 1) % 3), text);
                }
            }
            let as_of = DateTime::parse_from_rfc3339("2026-11-30T12:00:00+01:00").expect("time");
            let stats = |folder: &Folder| {
                let history = read_facts(&folder.paths).expect("read");
                Stats::compute(&history.sessions, &Rules::default(), as_of)
            };
            prop_assert_eq!(stats(&one), stats(&many));
        }
    }
}
