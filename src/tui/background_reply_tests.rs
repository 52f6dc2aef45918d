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

#[test]
fn nothing_is_held_until_an_answer_is_expected() {
    let mut reply = ReplyKeys::default();
    let keys = answer_keys("11;rgb:ffff/ffff/ffff", false);
    let seen = see_split(&mut reply, keys.clone());
    assert_eq!(seen, keys.into_iter().map(Seen::Key).collect::<Vec<_>>());
}

#[test]
fn the_answer_is_picked_out_of_the_keys_around_it() {
    // Ended by ST or by BEL; and with each ESC in a read of its own, where crossterm makes
    // it the Esc key and the `]` or `\` after it a plain key.
    for (bel, split) in [(false, false), (true, false), (false, true)] {
        let mut reply = ReplyKeys::default();
        reply.expect();
        let mut keys = vec![key('j')];
        keys.extend(answer_keys("11;rgb:FDFD/f6f6/e3e3", bel));
        keys.push(key('q'));
        if split {
            keys = keys.into_iter().flat_map(split_escape).collect();
        }
        let seen = see_split(&mut reply, keys);
        assert_eq!(
            seen,
            [
                Seen::Key(key('j')),
                Seen::Answer([0xfd, 0xf6, 0xe3]),
                Seen::Key(key('q'))
            ]
        );
        // Answered: a later Alt+] or Esc is a key again.
        assert_eq!(reply.see(alt(']')), Seen::Key(alt(']')));
        assert_eq!(reply.see(esc()), Seen::Key(esc()));
    }
}

#[test]
fn an_alt_bracket_that_is_no_answer_gives_back_the_key_after_it() {
    let mut reply = ReplyKeys::default();
    reply.expect();
    let seen = see_split(
        &mut reply,
        vec![alt(']'), key('1'), KeyEvent::from(KeyCode::Enter)],
    );
    assert_eq!(seen, [Seen::Key(KeyEvent::from(KeyCode::Enter))]);
    // Another terminal answer (OSC 10, say) is swallowed, and ours still counts after it.
    let mut keys = answer_keys("10;rgb:0/0/0", false);
    keys.extend(answer_keys("11;rgb:0/0/0", false));
    assert_eq!(see_split(&mut reply, keys), [Seen::Answer([0, 0, 0])]);
}

#[test]
fn an_endless_answer_is_let_go() {
    let mut reply = ReplyKeys::default();
    reply.expect();
    let mut keys = vec![alt(']')];
    keys.extend(std::iter::repeat_n(key('1'), LONGEST + 1));
    assert_eq!(see_split(&mut reply, keys), [Seen::Key(key('1'))]);
}

fn esc() -> KeyEvent {
    KeyEvent::from(KeyCode::Esc)
}

/// An Alt key as crossterm makes it of an ESC read apart from what follows: Esc, then the key.
fn split_escape(key: KeyEvent) -> Vec<KeyEvent> {
    match key.code {
        KeyCode::Char(c) if key.modifiers == KeyModifiers::ALT => vec![esc(), self::key(c)],
        _ => vec![key],
    }
}

/// Sees `keys` as the input does: each key let go after an Esc is seen next.
fn see_split(reply: &mut ReplyKeys, keys: Vec<KeyEvent>) -> Vec<Seen> {
    let mut seen = Vec::new();
    for key in keys {
        seen.push(reply.see(key));
        while let Some(after) = reply.next_key() {
            seen.push(reply.see(after));
        }
    }
    seen.retain(|s| *s != Seen::Held);
    seen
}

#[test]
fn an_esc_followed_by_anything_but_a_bracket_is_a_key_and_so_is_what_follows() {
    let mut reply = ReplyKeys::default();
    reply.expect();
    let seen = see_split(&mut reply, vec![esc(), key('q'), esc(), esc(), alt(']')]);
    // Each Esc comes out, in order, before the key after it; the last Esc and the Alt+]
    // after it are held, as an answer's start.
    assert_eq!(
        seen,
        [Seen::Key(esc()), Seen::Key(key('q')), Seen::Key(esc())]
    );
    // An Esc with nothing after it is let go as the key it was.
    let mut reply = ReplyKeys::default();
    reply.expect();
    assert_eq!(reply.see(esc()), Seen::Held);
    assert!(reply.holds_esc());
    assert_eq!(reply.let_go(), Some(esc()));
    assert_eq!(reply.let_go(), None);
    // An Esc inside an answer that is not its end gives back both keys, and loses the rest.
    let mut reply = ReplyKeys::default();
    reply.expect();
    let seen = see_split(&mut reply, vec![alt(']'), key('1'), esc(), key('x')]);
    assert_eq!(seen, [Seen::Key(esc()), Seen::Key(key('x'))]);
}
