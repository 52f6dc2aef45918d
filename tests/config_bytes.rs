//! `parse_bytes` is the config reader without the file: the fuzzer and its twin read configs
//! through it, so it must be exactly what `load` makes of the same bytes in a file.

use std::fs;

use bedstretch::core::config::parse_bytes;
use bedstretch::store::config::load;
use bedstretch::store::paths::Paths;

const CONFIG: &str = include_str!("fixtures/config/mixed.toml");

/// Good, bad, empty and BOM-led bytes alike: the same settings, sources and problems.
#[test]
fn parse_bytes_reads_as_load_reads_the_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let paths = Paths {
        config_dir: dir.path().join("config"),
        data_dir: dir.path().join("data"),
    };
    fs::create_dir_all(&paths.config_dir).expect("mkdir");
    // More problems than are shown, so that the closing "and N more" is compared too.
    let many: String = (0..30).map(|i| format!("unknown_{i} = 1\n")).collect();
    for bytes in [
        CONFIG.as_bytes(),
        b"bell = \xff\n",
        b"",
        b"\xEF\xBB\xBFbell = false\n",
        many.as_bytes(),
    ] {
        fs::write(paths.config_file(), bytes).expect("write");
        assert_eq!(load(&paths), parse_bytes(paths.config_file(), bytes));
    }
}
