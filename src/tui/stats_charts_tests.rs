use super::*;

fn text(line: &Line) -> String {
    line.spans.iter().map(|s| s.content.as_ref()).collect()
}

#[test]
fn severity_grows_with_the_entry_and_a_stray_byte_stays_on_the_scale() {
    let t = Theme::plain();
    let glyph = |s| severity_cell(s, &t).0;
    assert_eq!(glyph(0), "○");
    assert_eq!(glyph(1), "▁");
    assert_eq!(glyph(5), "▄");
    assert_eq!(glyph(10), "█");
    assert_eq!(glyph(255), "█");
    let heights: Vec<usize> = (1..=10)
        .map(|s| {
            HEIGHTS
                .iter()
                .position(|h| *h == glyph(s))
                .expect("a height")
        })
        .collect();
    assert!(heights.windows(2).all(|w| w[0] <= w[1]), "{heights:?}");
}

#[test]
fn a_bar_is_its_share_of_the_width_to_the_eighth() {
    assert_eq!(bar(0.0, 10), "");
    assert_eq!(bar(0.5, 10), "█████");
    assert_eq!(bar(0.55, 10), "█████▌");
    assert_eq!(bar(1.0, 10), "██████████");
    assert_eq!(
        bar(f64::NAN, 10),
        "",
        "a share that is not a number draws nothing"
    );
}

#[test]
fn the_legend_keeps_the_cramp_marks_when_it_has_one_short_row() {
    let t = Theme::plain();
    let lines = legend_lines(Marks::default(), 40, 1, &t);
    assert_eq!(lines.len(), 1);
    let row = text(&lines[0]);
    assert!(row.contains("▁▄█ cramp 1 to 10"), "{row:?}");
    assert!(crate::core::text::width(&row) <= 40, "{row:?}");
    let both = Marks {
        rest_days: true,
        paused: true,
    };
    let wide = text(&legend_lines(both, 200, 1, &t)[0]);
    assert!(
        wide.contains("- rest day") && wide.contains("~ paused"),
        "{wide:?}"
    );
    assert!(legend_lines(Marks::default(), 200, 0, &t).is_empty());
}

#[test]
fn a_group_share_rounds_like_the_sentence_above_it() {
    // 9 of 40 is 22.5 %: the comparison's sentence says 23 %, and so must the chart.
    let mut group = Group {
        nights: 40,
        ..Default::default()
    };
    group.all.share_with_cramp = Some(9.0 / 40.0);
    assert_eq!(figure(&group), "23 % of 40");
}
