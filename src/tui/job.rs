//! Ctrl-Z: stopping the whole job, where a shell could continue it.
//!
//! Everything about the process tree is read from `/proc/PID/stat`, never from the
//! `getpgid`/`getpgrp` calls: inside a PID namespace (a container, `unshare -p`, many CI
//! runners) a process group or session that began outside it reads as 0, which rustix's
//! wrappers assert against in debug builds and turn into an invalid `Pid` in release.

/// Stops the whole job, as a cooked terminal's Ctrl-Z does: were bedstretch run from a
/// wrapper script, stopping only this process would leave the shell waiting on the script
/// with the terminal taken. Only where a shell could continue it: where no shell does job
/// control (`ssh host bedstretch`, `xterm -e bedstretch`) the kernel itself discards a
/// terminal stop rather than freeze a job that nothing could continue, and so does this.
///
/// SIGSTOP to the process group, after that check, does what SIGTSTP with its default action
/// would, without taking signal-hook's SIGTSTP handler down and putting it back, which only
/// unsafe code could do.
pub(crate) fn stop_job() {
    let lookup = |pid: i32| {
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
        Ids::parse(&stat)
    };
    let me = std::fs::read_to_string("/proc/self/stat")
        .ok()
        .and_then(|stat| Ids::parse(&stat));
    if !me.is_some_and(|me| shell_could_continue(me, lookup)) {
        return;
    }
    // Delivered to this process before the call returns: the stop happens inside it.
    let _ = rustix::process::kill_current_process_group(rustix::process::Signal::STOP);
}

/// A process's parent, group and session, as `/proc/PID/stat` gives them. Any of them is 0
/// when it lies outside this PID namespace.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Ids {
    parent: i32,
    group: i32,
    session: i32,
}

impl Ids {
    /// Reads the fields after the command name, which may itself hold spaces and
    /// parentheses, so the fields start after the last `)`: state, ppid, pgrp, session.
    fn parse(stat: &str) -> Option<Self> {
        let mut fields = stat[stat.rfind(')')? + 1..].split_whitespace().skip(1);
        let mut next = || fields.next()?.parse::<i32>().ok();
        Some(Self {
            parent: next()?,
            group: next()?,
            session: next()?,
        })
    }
}

/// The kernel's rule for an orphaned process group, followed up the ancestry from `me`: the
/// group is not orphaned when some member's parent is in another group of the same session
/// (a shell doing job control). Whatever cannot be told (no /proc, an ancestor outside this
/// PID namespace) answers no: pausing without stopping is the safe mistake.
fn shell_could_continue(me: Ids, lookup: impl Fn(i32) -> Option<Ids>) -> bool {
    if me.group <= 0 || me.session <= 0 {
        return false;
    }
    let mut parent = me.parent;
    // A job's chain of processes within one group is short; the bound only guards a loop.
    for _ in 0..64 {
        if parent <= 0 {
            return false;
        }
        let Some(ids) = lookup(parent) else {
            return false;
        };
        if ids.group != me.group {
            return ids.session == me.session;
        }
        parent = ids.parent;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(parent: i32, group: i32, session: i32) -> Ids {
        Ids {
            parent,
            group,
            session,
        }
    }

    /// The answer for a process tree given as (pid, parent, group, session), asked for its
    /// first process.
    fn could_continue(tree: &[(i32, i32, i32, i32)]) -> bool {
        let find = |pid: i32| {
            tree.iter()
                .find(|row| row.0 == pid)
                .map(|&(_, p, g, s)| ids(p, g, s))
        };
        shell_could_continue(find(tree[0].0).expect("me"), find)
    }

    #[test]
    fn reads_the_fields_after_a_name_with_spaces_and_parentheses() {
        let stat = "4242 (a (b) c) S 4000 4242 3900 34817 4242 4194560 0 0";
        assert_eq!(Ids::parse(stat), Some(ids(4000, 4242, 3900)));
        assert_eq!(Ids::parse("12 (short"), None);
        assert_eq!(Ids::parse("12 (x) S 1 2"), None);
        assert_eq!(Ids::parse("12 (x) S 0 0 0 0"), Some(ids(0, 0, 0)));
    }

    #[test]
    fn a_job_control_shell_in_the_same_session_can_continue_the_job() {
        // bash (100, its own group) started bedstretch (200) as a job of its own.
        assert!(could_continue(&[(200, 100, 200, 100), (100, 1, 100, 100)]));
        // Through a wrapper script in the job's group.
        assert!(could_continue(&[
            (300, 200, 200, 100),
            (200, 100, 200, 100),
            (100, 1, 100, 100)
        ]));
    }

    #[test]
    fn nothing_can_continue_a_session_leader_or_a_job_whose_shell_is_elsewhere() {
        // `ssh host bedstretch`, or a terminal emulator running it: its parent is in another
        // session.
        assert!(!could_continue(&[(200, 100, 200, 200), (100, 1, 100, 100)]));
        // The parent cannot be read (no /proc, or it has gone).
        assert!(!could_continue(&[(200, 100, 200, 100)]));
        // No parent at all in this namespace.
        assert!(!could_continue(&[(200, 0, 200, 100)]));
    }

    #[test]
    fn groups_and_sessions_begun_outside_the_pid_namespace_answer_no_without_panicking() {
        // The regression: in a container the test runner's group read as 0, and the
        // `getpgid` wrapper's assertion took the whole session down at Ctrl-Z.
        assert!(!could_continue(&[(2, 1, 0, 0), (1, 0, 0, 0)]));
        assert!(!could_continue(&[(200, 1, 200, 200), (1, 0, 0, 0)]));
        assert!(!could_continue(&[(200, 100, 200, 0), (100, 1, 100, 0)]));
    }

    #[test]
    fn a_loop_in_the_ancestry_ends() {
        assert!(!could_continue(&[
            (200, 300, 200, 100),
            (300, 200, 200, 100)
        ]));
    }
}
