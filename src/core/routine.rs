//! A routine as the session runs it: validated, with every default applied.

/// A routine ready to run: every value checked, every default resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Routine {
    /// The file stem, e.g. `bedtime-feet`.
    pub id: String,
    /// The name people see.
    pub name: String,
    /// One or two sentences on what the routine is for; may be empty.
    pub description: String,
    /// Get-ready countdown before the first step, in seconds.
    pub lead_in_secs: u64,
    /// False for a routine whose sessions never keep a night (cramp relief is not stretching).
    pub counts: bool,
    /// The steps in order; never empty.
    pub steps: Vec<Step>,
}

/// One stretch, held for `duration_secs` on each of its sides.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    /// The name people see, e.g. "Wall calf stretch".
    pub name: String,
    /// Hold time per side, in seconds.
    pub duration_secs: u64,
    /// Side labels such as "left" and "right"; empty for a step done once.
    pub sides: Vec<String>,
    /// Repetitions counted within each side's hold; `None` for a steady hold.
    pub reps: Option<u32>,
    /// What to do, in the person's own words; may be empty.
    pub instructions: String,
    /// The illustration, if any, resolved when the routine was read.
    pub art: Option<Art>,
    /// Rest after this step, before the next one, in seconds.
    pub rest_secs: u64,
    /// Pause between this step's sides, in seconds.
    pub switch_secs: u64,
}

impl Step {
    /// How many times the step runs: once per side, or once when it has none.
    pub fn side_count(&self) -> u64 {
        self.sides.len().max(1) as u64
    }

    /// Hold time over all sides plus the switch pauses between them.
    pub fn total_secs(&self) -> u64 {
        let sides = self.side_count();
        self.duration_secs * sides + self.switch_secs * (sides - 1)
    }
}

impl Routine {
    /// Everything the session will take: lead-in, every side, switches and the rests
    /// between steps (none after the last).
    pub fn total_secs(&self) -> u64 {
        let steps: u64 = self.steps.iter().map(Step::total_secs).sum();
        let rests: u64 = self
            .steps
            .iter()
            .rev()
            .skip(1)
            .map(|step| step.rest_secs)
            .sum();
        self.lead_in_secs + steps + rests
    }

    /// How many step-sides the session plans, the unit that history and streaks count.
    pub fn planned_sides(&self) -> u64 {
        self.steps.iter().map(Step::side_count).sum()
    }
}

/// Routines and steps built by hand, for the tests that run them.
#[cfg(test)]
pub(crate) mod by_hand {
    use super::{Routine, Step};

    /// A counting routine "R" (id `r`) with a 5 s lead-in.
    pub fn routine(steps: Vec<Step>) -> Routine {
        Routine {
            id: "r".into(),
            name: "R".into(),
            description: String::new(),
            lead_in_secs: 5,
            counts: true,
            steps,
        }
    }

    /// A step with neither instructions nor art.
    pub fn step(
        name: &str,
        duration_secs: u64,
        sides: &[&str],
        reps: Option<u32>,
        rest_secs: u64,
        switch_secs: u64,
    ) -> Step {
        Step {
            name: name.into(),
            duration_secs,
            sides: sides.iter().map(|s| s.to_string()).collect(),
            reps,
            instructions: String::new(),
            art: None,
            rest_secs,
            switch_secs,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::by_hand::{routine, step};

    #[test]
    fn total_counts_sides_switches_rests_and_lead_in() {
        let routine = routine(vec![
            step("s", 30, &["left", "right"], None, 10, 3),
            step("s", 20, &[], None, 7, 3),
            step("s", 15, &["a", "b", "c"], None, 99, 2),
        ]);
        // 5 + (30*2 + 3) + 10 + 20 + 7 + (15*3 + 2*2); the last step's rest never runs.
        assert_eq!(routine.total_secs(), 5 + 63 + 10 + 20 + 7 + 49);
        assert_eq!(routine.planned_sides(), 6);
    }
}

/// An illustration for a step: its name (as the routine file gives it) and the picture.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Art {
    /// The name in the routine file, e.g. "calf-wall".
    pub name: String,
    /// The picture itself, a few lines of plain text.
    pub picture: String,
}
