//! One line of `bedstretch doctor`: which check, how it stands, what was found, what to do.

use serde::Serialize;

use crate::core::text::capitalise;

/// How a check stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// As it should be.
    Ok,
    /// Worth knowing, nothing to do.
    Info,
    /// Something to put right: `doctor` exits 1.
    Problem,
}

impl Level {
    /// The word that starts the line: `ok`, `info` or `PROBLEM`, in capitals to be found.
    pub fn word(self) -> &'static str {
        match self {
            Self::Ok => "ok",
            Self::Info => "info",
            Self::Problem => "PROBLEM",
        }
    }
}

/// What one check found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The check, one word: `history`, `speaker`.
    #[serde(rename = "name")]
    pub check: &'static str,
    /// How it stands.
    #[serde(rename = "status")]
    pub level: Level,
    /// What was found.
    pub message: String,
    /// What to do about it, when there is something to do.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<String>,
}

impl Finding {
    /// All is as it should be.
    pub fn ok(check: &'static str, message: impl Into<String>) -> Self {
        Self::new(check, Level::Ok, message, None)
    }

    /// Worth knowing.
    pub fn info(check: &'static str, message: impl Into<String>) -> Self {
        Self::new(check, Level::Info, message, None)
    }

    /// Something to put right, and how.
    pub fn problem(
        check: &'static str,
        message: impl Into<String>,
        fix: impl Into<String>,
    ) -> Self {
        Self::new(check, Level::Problem, message, Some(fix.into()))
    }

    /// Something to put right, in words that already say how: those of the part that found
    /// it (the speaker, the timer), which other commands print too.
    pub fn problem_said(check: &'static str, message: impl Into<String>) -> Self {
        Self::new(check, Level::Problem, message, None)
    }

    fn new(
        check: &'static str,
        level: Level,
        message: impl Into<String>,
        fix: Option<String>,
    ) -> Self {
        Self {
            check,
            level,
            message: message.into(),
            fix,
        }
    }

    /// The message and what to do, as one line: "… is a conflict copy …; once every device …",
    /// or "… did you mean `theme`? Mend it …" after a message that ends a sentence.
    pub fn line(&self) -> String {
        match &self.fix {
            Some(fix) if self.message.ends_with(['?', '.', '!']) => {
                format!("{} {}", self.message, capitalise(fix))
            }
            Some(fix) => format!("{}; {fix}", self.message),
            None => self.message.clone(),
        }
    }
}

/// A check's first line, `ok` when none of the `wrong` lines after it is a problem and
/// `info` when one is (the problem lines say what is wrong), then those lines.
pub fn headed(check: &'static str, head: String, wrong: Vec<Finding>) -> Vec<Finding> {
    let first = if problems(&wrong) == 0 {
        Finding::ok(check, head)
    } else {
        Finding::info(check, head)
    };
    std::iter::once(first).chain(wrong).collect()
}

/// How many of `findings` are problems.
pub fn problems(findings: &[Finding]) -> usize {
    findings
        .iter()
        .filter(|f| f.level == Level::Problem)
        .count()
}

/// `n` with a comma between each group of three digits: 1,204.
pub fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// "1 file" or "3 files".
pub fn count(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{} {word}s", grouped(n))
    }
}

#[cfg(test)]
#[path = "finding_tests.rs"]
mod tests;
