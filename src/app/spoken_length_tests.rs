//! The estimate against espeak-ng 1.51 at its default rate, as measured with
//! `espeak-ng -w` (the length of the sound it writes; BENCHMARKS.md).

use super::*;

/// (words, measured seconds).
const MEASURED: [(&str, f64); 16] = [
    ("Get ready. Wall calf stretch, left foot", 2.870),
    ("Get ready", 0.801),
    ("Go", 0.581),
    ("Rest", 0.634),
    ("Rest. Next: Toe curls", 2.213),
    ("Rest. Next: Flex and draw the toes back", 3.102),
    ("Switch to your right foot", 1.529),
    ("Paused", 0.772),
    ("Going on", 0.857),
    ("Done. Tonight is kept.", 1.854),
    ("Done. 6 of 10 held; tonight is not kept yet.", 3.617),
    ("Toe curls, 10 times", 1.890),
    ("Bent-knee soleus stretch, left foot", 2.312),
    ("Hamstring stretch, 2 of 3, right leg", 2.803),
    ("Seven", 0.739),
    ("3", 0.612),
];

#[test]
fn the_estimate_is_within_a_third_of_a_second_of_espeak_ng() {
    for (words, measured) in MEASURED {
        let estimate = estimate(words).as_secs_f64();
        assert!(
            (estimate - measured).abs() <= 0.3,
            "{words:?}: estimated {estimate:.2} s, measured {measured:.2} s"
        );
    }
}

#[test]
fn pauses_come_only_between_words() {
    // "Rest." ends a cue: no pause is waited for after the last word.
    assert_eq!(estimate("Rest."), estimate("Rest"));
    assert_eq!(
        estimate("Rest. Next"),
        Duration::from_millis(450 + 8 * 60 + 450)
    );
    assert_eq!(
        estimate("Left, right"),
        Duration::from_millis(450 + 9 * 60 + 300)
    );
    assert_eq!(estimate(""), Duration::from_millis(450));
}

#[test]
fn the_longest_form_that_fits_is_chosen_else_the_shortest() {
    let forms = || vec!["Rest. Next: Toe curls".to_string(), "Rest".to_string()];
    assert_eq!(
        fit(forms(), Duration::from_secs(10)),
        "Rest. Next: Toe curls"
    );
    assert_eq!(fit(forms(), Duration::from_secs(2)), "Rest");
    assert_eq!(
        fit(forms(), Duration::ZERO),
        "Rest",
        "the least that is lost"
    );
    assert_eq!(fit(Vec::new(), Duration::ZERO), "");
}
