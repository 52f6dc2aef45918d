//! Reading many history lines on every core. Parsing JSON is nearly all of a read with no
//! summary to start from (ten years of history: about 25 ms of a 40 ms `stats`), and lines
//! parse independently, so complete lines go in batches to worker threads while this thread
//! reads on; the results are put back in file order, so nothing downstream can tell.

use std::io::{self, Read};
use std::ops::Range;
use std::sync::{Mutex, mpsc};
use std::thread;

use super::file_lines::{FileLines, FromSessionLine};
use super::read::{Line, Lines};

/// Below this much to read, threads cost more than they save: an append of a night or two,
/// or a young history, is read on this thread alone.
const PARALLEL_FROM_BYTES: u64 = 1 << 20;
/// Bytes of lines handed to a worker at once: large enough that handing over is rare, small
/// enough that the workers share a file evenly and little waits in memory.
const BATCH_BYTES: usize = 512 * 1024;
/// At most this many workers: the history is read once per process, and two cores already
/// halve the parse on the machines this runs on.
const MOST_WORKERS: usize = 4;

/// Where the lines read land.
pub struct Sink<'a, S> {
    /// Complete lines.
    pub body: &'a mut FileLines<S>,
    /// A last line with no line break yet.
    pub tail: &'a mut FileLines<S>,
}

/// Reads every line left in `lines`, which start at byte `offset` after `number` lines, and
/// sorts complete ones into `sink.body` and a torn last one into `sink.tail`, each session
/// placed, exactly as taking them one by one would. `each` sees every complete line first, in order
/// (to count and hash them). `left` is about how many bytes remain, to choose whether to use
/// threads.
pub fn take_all<S, R>(
    lines: &mut Lines<R>,
    at: (usize, u64),
    left: u64,
    sink: Sink<'_, S>,
    each: impl FnMut(&Line<'_>),
) -> io::Result<()>
where
    S: FromSessionLine + Send,
    R: Read,
{
    let workers = thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(MOST_WORKERS);
    let workers = if left < PARALLEL_FROM_BYTES {
        1
    } else {
        workers
    };
    take_with(workers, lines, at, sink, each)
}

/// [`take_all`] on `workers` threads, this one included.
fn take_with<S, R>(
    workers: usize,
    lines: &mut Lines<R>,
    (number, offset): (usize, u64),
    sink: Sink<'_, S>,
    mut each: impl FnMut(&Line<'_>),
) -> io::Result<()>
where
    S: FromSessionLine + Send,
    R: Read,
{
    if workers < 2 {
        let (mut number, mut offset) = (number, offset);
        while let Some(line) = lines.next_line()? {
            number += 1;
            if line.complete {
                each(&line);
                sink.body.take_placed(number, offset, &line);
            } else {
                sink.tail.take_placed(number, offset, &line);
            }
            offset += line.len;
        }
        return Ok(());
    }
    // This thread reads, and parses a batch itself whenever the helpers have one waiting
    // already: one thread a core, none waiting on another. Bounded, so a reader faster than
    // the helpers never holds the whole file.
    let helpers = workers - 1;
    let (send, receive) = mpsc::sync_channel::<Batch>(helpers);
    let receive = Mutex::new(receive);
    thread::scope(|scope| {
        let handles: Vec<_> = (0..helpers)
            .map(|_| {
                let receive = &receive;
                scope.spawn(move || {
                    let mut done = Vec::new();
                    // The lock is held only to take the next batch, never while parsing.
                    while let Ok(batch) = {
                        let next = receive.lock().map(|r| r.recv());
                        next.unwrap_or(Err(mpsc::RecvError))
                    } {
                        done.push((batch.index, batch.take::<S>()));
                    }
                    done
                })
            })
            .collect();
        let read = read_batches(lines, (number, offset), &send, sink.tail, &mut each);
        drop(send);
        let (read, mut done) = match read {
            Ok(done) => (Ok(()), done),
            Err(e) => (Err(e), Vec::new()),
        };
        for handle in handles {
            // A worker that panicked would have panicked reading alone too: pass it on.
            done.extend(
                handle
                    .join()
                    .unwrap_or_else(|p| std::panic::resume_unwind(p)),
            );
        }
        done.sort_unstable_by_key(|(index, _)| *index);
        for (_, held) in done {
            sink.body.sessions.extend(held.sessions);
            sink.body.cramps.extend(held.cramps);
            sink.body.programs.extend(held.programs);
            sink.body.pauses.extend(held.pauses);
            sink.body.bad.extend(&held.bad);
        }
        read
    })
}

/// Reads lines into batches for the helpers, and parses those they have no room for; a
/// torn last line is taken here. Returns the batches parsed here, with their places.
fn read_batches<S: FromSessionLine, R: Read>(
    lines: &mut Lines<R>,
    (mut number, mut offset): (usize, u64),
    send: &mpsc::SyncSender<Batch>,
    tail: &mut FileLines<S>,
    each: &mut impl FnMut(&Line<'_>),
) -> io::Result<Vec<(usize, FileLines<S>)>> {
    let mut done = Vec::new();
    let mut batch = Batch::new(0);
    while let Some(line) = lines.next_line()? {
        number += 1;
        let at = offset;
        offset += line.len;
        if !line.complete {
            tail.take_placed(number, at, &line);
            continue;
        }
        each(&line);
        batch.push(number, at, &line);
        if batch.text.len() >= BATCH_BYTES {
            let next = Batch::new(batch.index + 1);
            let full = std::mem::replace(&mut batch, next);
            // The helpers only stop when this side hangs up, so a batch comes back only when
            // they are busy.
            if let Err(mpsc::TrySendError::Full(full) | mpsc::TrySendError::Disconnected(full)) =
                send.try_send(full)
            {
                done.push((full.index, full.take::<S>()));
            }
        }
    }
    // The last one here: this thread would only wait for it otherwise.
    if !batch.lines.is_empty() {
        done.push((batch.index, batch.take::<S>()));
    }
    Ok(done)
}

/// Complete lines, copied out of the reader's buffer.
struct Batch {
    index: usize,
    text: Vec<u8>,
    /// Each line's number and offset in the file, where its text lies in `text` (`None` when
    /// it was over the cap and not kept), and the bytes it takes in the file.
    lines: Vec<(usize, u64, Option<Range<usize>>, u64)>,
}

impl Batch {
    fn new(index: usize) -> Self {
        Self {
            index,
            text: Vec::with_capacity(BATCH_BYTES + 4096),
            lines: Vec::new(),
        }
    }

    fn push(&mut self, number: usize, offset: u64, line: &Line<'_>) {
        let range = line.text.map(|text| {
            let start = self.text.len();
            self.text.extend_from_slice(text);
            start..self.text.len()
        });
        self.lines.push((number, offset, range, line.len));
    }

    fn take<S: FromSessionLine>(self) -> FileLines<S> {
        let mut held = FileLines::default();
        for (number, offset, range, len) in self.lines {
            let text = range.map(|r| &self.text[r]);
            let line = Line {
                text,
                raw: text,
                len,
                complete: true,
            };
            held.take_placed(number, offset, &line);
        }
        held
    }
}

#[cfg(test)]
#[path = "line_batches_tests.rs"]
mod tests;
