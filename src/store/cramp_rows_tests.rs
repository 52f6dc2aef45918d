use serde::Serialize;

use super::*;

#[derive(Serialize, Deserialize, Debug, PartialEq)]
struct Held {
    #[serde(with = "super")]
    cramps: Vec<CrampRecord>,
}

#[test]
fn rows_read_back_as_written_in_json_and_in_binary() {
    let at = DateTime::parse_from_rfc3339("2026-11-21T07:15:00+01:00").expect("time");
    let night = NaiveDate::from_ymd_opt(2026, 11, 20).expect("night");
    let full = CrampRecord {
        v: 1,
        kind: CrampKind::Cramp,
        id: "c1".into(),
        night,
        severity: 6,
        side: Some("left".into()),
        logged_at: at,
        count: Some(2),
        note: Some("after the \"long\" walk".into()),
        minutes: None,
    };
    let bare = CrampRecord {
        id: "c2".into(),
        severity: 0,
        side: None,
        count: None,
        note: None,
        ..full.clone()
    };
    let held = Held {
        cramps: vec![full, bare],
    };
    let binary = postcard::to_allocvec(&held).expect("binary");
    assert_eq!(postcard::from_bytes::<Held>(&binary).expect("read"), held);
    let json = serde_json::to_string(&held).expect("json");
    assert_eq!(serde_json::from_str::<Held>(&json).expect("read"), held);
}
