use super::*;

#[test]
fn ids_sort_naturally() {
    let mut ids = vec![
        "r10", "r2", "r1", "calves", "r02", "r9b", "r9a", "Z", "a10b2", "a10b10",
    ];
    ids.sort_by(|a, b| natural_cmp(a, b));
    assert_eq!(
        ids,
        [
            "Z", "a10b2", "a10b10", "calves", "r1", "r02", "r2", "r9a", "r9b", "r10"
        ]
    );
    assert_eq!(natural_cmp("x", "x"), Ordering::Equal);
    assert_eq!(natural_cmp("x1", "x"), Ordering::Greater);
    let huge = format!("r{}", "9".repeat(100));
    assert_eq!(natural_cmp(&huge, "r10"), Ordering::Greater);
}

#[test]
fn the_persons_routines_follow_the_bundled_ones_in_natural_order() {
    let dir = std::env::temp_dir().join(format!("bedstretch-sort-{}", std::process::id()));
    let routines = dir.join("routines");
    fs::create_dir_all(&routines).expect("folder");
    let quick = bundled::ROUTINES
        .iter()
        .find(|(id, _)| *id == "quick")
        .map(|(_, source)| *source)
        .unwrap_or_default();
    for id in ["r10", "r2", "r1"] {
        fs::write(routines.join(format!("{id}.toml")), quick).expect("write");
    }
    let mut catalog = Catalog::default();
    catalog.add_user_folder(&routines);
    let ids: Vec<&str> = catalog
        .routines
        .iter()
        .map(|(r, _)| r.id.as_str())
        .collect();
    let _ = fs::remove_dir_all(&dir);
    assert_eq!(ids, ["r1", "r2", "r10"]);
}
