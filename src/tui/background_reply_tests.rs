use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::*;

fn key(c: char) -> KeyEvent {
    let modifiers = if c.is_ascii_uppercase() {
        KeyModifiers::SHIFT
    } else {
        KeyModifiers::NONE
    };
    KeyEvent::new(KeyCode::Char(c), modifiers)
}

fn alt(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::ALT)
}

/// The keys crossterm makes of an OSC answer, ended by ST or by BEL.
fn answer_keys(text: &str, bel: bool) -> Vec<KeyEvent> {
    let mut keys = vec![alt(']')];
    keys.extend(text.chars().map(key));
    keys.push(if bel {
        KeyEvent::new(KeyCode::Char('g'), KeyModifiers::CONTROL)
    } else {
        alt('\\')
    });
    keys
}

fn see_all(reply: &mut ReplyKeys, keys: Vec<KeyEvent>) -> Vec<Seen> {
    keys.into_iter()
        .map(|k| reply.see(k))
        .filter(|s| *s != Seen::Held)
        .collect()
}

#[test]
fn nothing_is_held_until_an_answer_is_expected() {
    let mut reply = ReplyKeys::default();
    let keys = answer_keys("11;rgb:ffff/ffff/ffff", false);
    let seen = see_all(&mut reply, keys.clone());
    assert_eq!(seen, keys.into_iter().map(Seen::Key).collect::<Vec<_>>());
}

#[test]
fn the_answer_is_picked_out_of_the_keys_around_it() {
    for bel in [false, true] {
        let mut reply = ReplyKeys::default();
        reply.expect();
        let mut keys = vec![key('j')];
        keys.extend(answer_keys("11;rgb:FDFD/f6f6/e3e3", bel));
        keys.push(key('q'));
        let seen = see_all(&mut reply, keys);
        assert_eq!(
            seen,
            [
                Seen::Key(key('j')),
                Seen::Answer([0xfd, 0xf6, 0xe3]),
                Seen::Key(key('q'))
            ]
        );
        // Answered: a later Alt+] is a key again.
        assert_eq!(reply.see(alt(']')), Seen::Key(alt(']')));
    }
}

#[test]
fn an_alt_bracket_that_is_no_answer_gives_back_the_key_after_it() {
    let mut reply = ReplyKeys::default();
    reply.expect();
    let seen = see_all(
        &mut reply,
        vec![alt(']'), key('1'), KeyEvent::from(KeyCode::Enter)],
    );
    assert_eq!(seen, [Seen::Key(KeyEvent::from(KeyCode::Enter))]);
    // Another terminal answer (OSC 10, say) is swallowed, and ours still counts after it.
    let mut keys = answer_keys("10;rgb:0/0/0", false);
    keys.extend(answer_keys("11;rgb:0/0/0", false));
    assert_eq!(see_all(&mut reply, keys), [Seen::Answer([0, 0, 0])]);
}

#[test]
fn an_endless_answer_is_let_go() {
    let mut reply = ReplyKeys::default();
    reply.expect();
    let mut keys = vec![alt(']')];
    keys.extend(std::iter::repeat_n(key('1'), LONGEST + 1));
    assert_eq!(see_all(&mut reply, keys), [Seen::Key(key('1'))]);
}
