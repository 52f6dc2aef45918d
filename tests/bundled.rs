//! The routines and illustrations that ship inside the binary.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use bedstretch::core::routine_file::parse_routine;
use bedstretch::store::bundled::{self, ART, DEFAULT_ROUTINE, ROUTINES};

fn stems(dir: &str, ext: &str) -> BTreeSet<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    fs::read_dir(dir)
        .expect("folder exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .filter_map(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned()))
        .collect()
}

#[test]
fn every_bundled_routine_validates_and_its_art_exists() {
    for (id, source) in ROUTINES {
        let routine = parse_routine(id, source.as_bytes(), bundled::ART)
            .unwrap_or_else(|problems| panic!("{id}: {problems:?}"));
        for step in &routine.steps {
            if let Some(art) = &step.art {
                assert!(!art.picture.trim().is_empty(), "{id}: {}", art.name);
            }
            let sentences = step.instructions.matches(['.', '?', '!']).count();
            assert!(
                (2..=3).contains(&sentences),
                "{id}: {}: {sentences} sentences",
                step.name
            );
        }
    }
}

#[test]
fn every_file_in_the_folders_is_compiled_in() {
    let listed: BTreeSet<String> = ROUTINES.iter().map(|(id, _)| id.to_string()).collect();
    assert_eq!(listed, stems("routines", "toml"));
    let art: BTreeSet<String> = ART.iter().map(|(name, _)| name.to_string()).collect();
    assert_eq!(art, stems("assets/art", "txt"));
}

#[test]
fn illustrations_fit_twelve_lines_of_thirty_columns() {
    for (name, art) in ART {
        assert!(art.lines().count() <= 12, "{name}");
        for line in art.lines() {
            assert!(line.chars().count() <= 30, "{name}: {line:?}");
            assert!(
                line.chars().all(|c| c.is_ascii() && !c.is_control()),
                "{name}: {line:?}"
            );
        }
    }
}

#[test]
fn the_routines_keep_their_promised_lengths() {
    let total = |id: &str| {
        let (_, source) = ROUTINES.iter().find(|(i, _)| *i == id).expect("bundled");
        let routine = parse_routine(id, source.as_bytes(), bundled::ART).expect("valid");
        routine.total_secs()
    };
    assert_eq!(DEFAULT_ROUTINE, "bedtime-feet");
    assert!((8 * 60..=12 * 60).contains(&total("bedtime-feet")));
    assert!((150..=240).contains(&total("quick")), "about three minutes");
    assert!(
        (180..=240).contains(&total("calf-hamstring")),
        "about three and a half minutes"
    );
}

#[test]
fn calf_hamstring_holds_each_stretch_three_times_on_both_legs_in_under_five_minutes() {
    let (_, source) = ROUTINES
        .iter()
        .find(|(id, _)| *id == "calf-hamstring")
        .expect("bundled");
    let routine = parse_routine("calf-hamstring", source.as_bytes(), bundled::ART).expect("valid");
    assert!(routine.total_secs() < 5 * 60, "{}", routine.total_secs());
    for stretch in ["Wall calf stretch", "Hamstring stretch"] {
        let holds: Vec<_> = routine
            .steps
            .iter()
            .filter(|step| step.name.starts_with(stretch))
            .collect();
        assert_eq!(holds.len(), 3, "{stretch}");
        // The trial's 10 seconds between one hold and the next (the last calf hold leaves
        // longer, to sit down for the hamstring).
        for step in &holds[..2] {
            assert_eq!(step.rest_secs, 10, "{}", step.name);
        }
        for step in holds {
            assert_eq!(step.duration_secs, 10, "{}", step.name);
            assert_eq!(step.sides.len(), 2, "{}: both legs", step.name);
            assert!(
                step.sides[0].starts_with("left") && step.sides[1].starts_with("right"),
                "{}: {:?}",
                step.name,
                step.sides
            );
            assert_eq!(step.reps, None, "{}: one steady hold", step.name);
        }
    }
    assert_eq!(routine.steps.len(), 6, "nothing but the two stretches");
}

#[test]
fn one_sided_steps_of_the_default_routine_run_on_both_feet() {
    let (_, source) = ROUTINES[0];
    let routine = parse_routine("bedtime-feet", source.as_bytes(), bundled::ART).expect("valid");
    for step in &routine.steps {
        let both_feet = step.name.starts_with("Toe");
        assert!(
            both_feet || step.sides == ["left", "right"],
            "{}",
            step.name
        );
    }
}

#[test]
fn in_bed_asks_for_nothing_standing() {
    let (_, source) = ROUTINES
        .iter()
        .find(|(id, _)| *id == "in-bed")
        .expect("bundled");
    let routine = parse_routine("in-bed", source.as_bytes(), bundled::ART).expect("valid");
    for step in &routine.steps {
        let text = format!("{} {}", step.name, step.instructions).to_lowercase();
        for word in ["stand", "wall", "floor", "walk"] {
            assert!(!text.contains(word), "{}: mentions {word:?}", step.name);
        }
    }
}

#[test]
fn only_cramp_relief_never_keeps_a_night() {
    for (id, source) in ROUTINES {
        let routine = parse_routine(id, source.as_bytes(), bundled::ART).expect("valid");
        assert_eq!(routine.counts, *id != "cramp-relief", "{id}");
    }
}
