use super::*;
use crate::core::config::parse_bytes;
use crate::core::doctor::finding::Level;

#[test]
fn each_config_problem_is_a_line_with_its_place_and_the_file_is_named_first() {
    let loaded = parse_bytes(
        PathBuf::from("/c/config.toml"),
        b"bell = true\nthem = \"day\"\n",
    );
    let found = config(&loaded);
    assert_eq!(found.len(), 2);
    assert_eq!(
        (found[0].level, found[0].message.as_str()),
        (Level::Info, "/c/config.toml")
    );
    assert_eq!(found[1].level, Level::Problem);
    assert!(
        found[1]
            .line()
            .starts_with("/c/config.toml:2:1: unknown key `them`"),
        "{:?}",
        found[1]
    );
    assert!(
        found[1]
            .line()
            .ends_with("Mend it in the file; `bedstretch config check` checks it again"),
        "{:?}",
        found[1]
    );
    let absent = config(&Loaded::absent(PathBuf::from("/c/config.toml")));
    assert_eq!(
        (absent.len(), absent[0].level, absent[0].message.as_str()),
        (
            1,
            Level::Ok,
            "/c/config.toml is not there; every setting is its default"
        )
    );
}

#[test]
fn a_broken_routine_is_named_by_its_first_problem_and_how_many_more() {
    let routines_found = Routines {
        folder: PathBuf::from("/c/routines"),
        usable: 4,
        broken: vec![
            BrokenRoutine {
                id: "mine".into(),
                error: "mine.toml:3:1: name is required\nmine.toml:5:12: step 1: bad\n\
                        mine.toml:6:1: step 2: bad"
                    .into(),
                overrides: false,
            },
            BrokenRoutine {
                id: "quick".into(),
                error: "quick.toml:1:1: name is required".into(),
                overrides: true,
            },
        ],
        warnings: Vec::new(),
    };
    let lines: Vec<(Level, String)> = routines(&routines_found)
        .iter()
        .map(|f| (f.level, f.line()))
        .collect();
    assert_eq!(
        lines,
        [
            (
                Level::Info,
                "4 routines ready to run; yours go in /c/routines".to_string()
            ),
            (
                Level::Problem,
                "mine.toml:3:1: name is required (and 2 more); `bedstretch routine \
                 edit mine` mends it; until then it is skipped"
                    .to_string()
            ),
            (
                Level::Problem,
                "quick.toml:1:1: name is required; `bedstretch routine edit quick` mends it; \
                 until then neither it nor the bundled `quick` runs"
                    .to_string()
            ),
        ]
    );
}

#[test]
fn the_theme_says_where_it_came_from() {
    assert_eq!(
        theme("\"night\"", false, "night: named in the config").message,
        "\"night\" (the default); chosen: night: named in the config"
    );
    assert_eq!(
        theme("\"auto\"", true, "auto: no answer yet: night").message,
        "\"auto\" (set in the config); chosen: auto: no answer yet: night"
    );
}
