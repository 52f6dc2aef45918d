//! The longer help texts of the commands, kept apart from their definitions so that the
//! command table stays readable.

// A raw string, so that the example lines up here as it does on screen.
pub const CONFIG_HELP: &str = r#"Show the settings in use, one per line as TOML you can copy into the file, each with where it
comes from: `default`, or the line of config.toml that set it. Problems with the file follow
on stderr, one per line with its line and column.

The file is $XDG_CONFIG_HOME/bedstretch/config.toml (usually ~/.config/bedstretch/config.toml);
every key is optional:

  default_routine = "bedtime-feet"   # what `bedstretch run` starts
  day_starts_at = "04:00"            # when one night ends and the next begins
  min_completion = 0.8               # share of stretches held for a night to count, 0 to 1
  rest_days = ["sat", "sun"]         # days that neither break nor extend a streak
  bell = true                        # ring the terminal bell at each change
  theme = "auto"                     # "night", "day" (light terminals) or "auto": by the
                                     # terminal's background; NO_COLOR for no colour
  voice = true                       # speak the cues (off by default; or `run --voice`)
  voice_command = "say {text}"       # a speaker of your own, {text} a word of its own;
                                     # "": the first of espeak-ng, espeak, spd-say, say
  sound = true                       # soft sounds at the moments of a session in place of
                                     # the bell (or `run --sound`, `run --no-sound`)
  sound_command = "paplay {file}"    # a player of your own, {file} a word of its own;
                                     # "": the first of pw-play, paplay, aplay, afplay
  morning_ends_at = "12:00"          # until when home asks about last night's cramps
  remind_at = "22:30"                # `status` says it is time to stretch after this ("": never)
  remind_again = "30m"               # how often the reminder comes back until the night is
                                     # kept, 5m to 12h ("0": once a night)
  on_session_end = "sh -c 'cat >> ~/stretch.jsonl'"
                                     # a command run after every recorded session, given the
                                     # session's history line on stdin; no shell ("": none)

A bad value costs only its own key, which falls back to its default."#;

pub const STATUS_HELP: &str = "\
Tonight in one line, for a shell prompt or a status bar, read from a small summary of the
history kept beside it, so it costs a few milliseconds:

  🦶 12                  tonight is kept; the streak is 12 nights
  stretch tonight · 12   not yet
  time to stretch · 12   not yet, and it is past remind_at (say remind_at = \"22:30\" in
                         the config; the reminder lasts until day_starts_at)

--format long says it in a sentence, --format json gives every figure. The exit status is 0
when tonight is kept and 1 when it is not, so a script can test it; 2 when the history could
not be read (the reason goes to stderr). It records nothing.

  In bash:  PS1='$(bedstretch status 2>/dev/null) '\"$PS1\"
  In tmux:  set -g status-right '#(bedstretch status)'";

pub const CRAMP_HELP: &str = "\
Note how last night went, in two seconds: a severity from 0 (a night without cramps) to 10,
and if you like the side, how many cramps and a note. It is added to this device's history
as a `cramp` line; nothing is ever rewritten, and a later entry for the same night (from any
device) replaces an earlier one when the history is read.

\"Last night\" follows day_starts_at (04:00 by default): before it, the night still running;
after it, the night that has just ended. At 02:00 and at 07:00 on the 24th alike it is the
night of the 23rd. Give another with --night 2026-11-20.

--minutes says how long the longest cramp lasted. A cramp over 10 minutes, severity 8 or
more on 3 nights of 7, or a note of swelling, numbness or weakness brings one line, from the
NHS's guidance on leg cramps: such cramps are worth showing to a doctor. It is never a
diagnosis.";

pub const REPORT_HELP: &str = "\
A report of your stretching and your cramp diary to hand a doctor, physiotherapist or
nurse: nights kept week by week (from the week of your first session or diary entry), the
routines you used, the steps you stopped with \"this hurts\", every diary entry with its
note, and how often cramps came on nights you stretched against the other nights, with why
that is not proof. It covers the nights from --since up to last night (tonight is still
open), by default the 90 nights before tonight.

When you have started a trial of your own (`bedstretch program start`), a section gives its
review as `program review` does: the baseline and the program side by side (nights noted,
cramps a night, share of nights with a cramp, mean severity, nights kept), the difference in
cramps a night with its 95 % interval, the answer, what a before/after diary cannot show,
and cramps a night week by week. A section \"Worth discussing\" lists the nights of the
period whose diary entry is worth showing a doctor (a cramp over 10 minutes, severe cramps
night after night, a note of swelling, numbness or weakness), with why.

A night is due unless it is a rest day or comes before your first session; a kept rest day
counts as kept. The report goes to standard output; save it with `>`.

Formats:
  md    Markdown (the default): reads well in the terminal and pastes into a letter.
  html  One page with charts to print on A4 or attach to an email; no scripts, nothing
        fetched from the internet.
  csv   One row per night, oldest first, for a spreadsheet, with the columns
        night,evening,sessions,routines,severity,side,cramps,note,hurt,worth_discussing,
        trial_phase,trial_cramps_a_night,trial_difference,trial_ci95_low,trial_ci95_high,paused
        (evening: kept, partly, missed, rest day, paused or not started; paused: the pause's
        reason, or paused, on a night of a pause; several routines, hurt
        steps or reasons in one night are joined with \"; \"). trial_phase is baseline or
        program on the nights of a trial, and trial_cramps_a_night that period's figure;
        on the program's nights trial_difference and its 95 % interval give program less
        baseline, once the review has them. The trial's figures are numbers rounded to two
        decimals, as `program review --json` gives them. Weeks, the comparison and the
        trial's words are in the other two formats. A text that begins with =, +, - or @
        gets a leading ' so that no spreadsheet takes it for a formula.

Examples:
  bedstretch report
  bedstretch report --since 2026-09-01 --format html > report.html
  bedstretch report --format csv > nights.csv";

pub const REMIND_HELP: &str = "\
Once, now: when it is past remind_at on a night that is not kept yet (and not a rest day),
show a desktop notification such as

  Time to stretch
  Bedtime feet · 10 min · keep your 12 nights

and otherwise do nothing. Set the time in the config (bedstretch config --help):

  remind_at = \"22:30\"     # from when, until day_starts_at ends the night
  remind_again = \"30m\"    # how often it comes back until the night is kept (\"0\": once)

A repeat replaces the notification rather than adding another. The last one sent is kept in
$XDG_DATA_HOME/bedstretch/remind-sent.json, on this device only. --dry-run prints what it
would send, or why it stays quiet, and sends nothing.

The notification goes over the desktop's session bus (D-Bus). Without a notification service
(over ssh, on a machine without a desktop) it says so in one line and exits 1, after two
seconds at most. `bedstretch remind status` says whether a service answers.

It runs once and exits, so something must run it every few minutes: `bedstretch remind
install` sets up a systemd user timer (a launchd agent on macOS, or prints the crontab line
elsewhere) that runs it every 5 minutes; a changed remind_at takes effect without installing
again. `bedstretch remind uninstall` removes it.";

pub const DOCTOR_HELP: &str = "\
Check the setup and say what was found, one line each, in plain text that pastes into a bug
report: the data folder, this device's id and the fingerprint of the machine (a hash, never
the machine's own id), every history file (its lines, the lines skipped, conflict copies that
Syncthing or Dropbox left, symbolic links), the config's problems, your routines' problems,
the theme, the terminal (size, colours), the speaker, the sound player, and, when remind_at
is set, the notification service and the reminder's timer.

Each line starts with ok, info or PROBLEM; a problem says what to do. A problem is something
that hides or loses what you do, or a thing you asked for that will not happen: a conflict
copy to tidy, a history file that is a symbolic link, lines that cannot be read, a config or
routine problem, no speaker with voice = true, no notification service or timer with
remind_at set. What bedstretch works around by itself is information: no sound player when
you left sound at its default (the bell stands in), the sounds over ssh, a device id about
to change on a copied data folder.

Exits 0 when nothing is wrong, 1 on a problem. --json prints one object: ok, problems, the
paths, the device, and the checks, each with name, status (ok, info or problem), message and
fix. doctor writes nothing.";
