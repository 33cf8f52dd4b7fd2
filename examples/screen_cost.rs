//! What the automatic checks cost per text, in release mode:
//! `cargo run --release --example screen_cost`. A measuring tool for the
//! write path (issue 17 added the checks to every post); the load harness
//! (`bench/run.sh`) measures the replies per second they leave.

use std::time::Instant;
use tillit::moderation::checks::{screen, Context, WatchedList};
fn main() {
    let list = WatchedList::compile(WatchedList::shipped());
    let texts = [
        "Benchmark reply alpha bravo and a few more words about the meter reading this week",
        "Worst service ever, the staff lied to me and I want my money back. They billed me three times for one order and now nobody answers the phone. Useless company.",
    ];
    for t in texts {
        let n = 2000;
        let start = Instant::now();
        for _ in 0..n {
            std::hint::black_box(screen("", t, &list, &Context::default()));
        }
        println!(
            "{} chars: {:.1} µs per screen",
            t.len(),
            start.elapsed().as_secs_f64() * 1e6 / n as f64
        );
    }
    let long = "Worst service ever, the staff lied to me and I want my money back. ".repeat(150);
    let start = Instant::now();
    for _ in 0..20 {
        std::hint::black_box(screen("", &long, &list, &Context::default()));
    }
    println!(
        "{} chars: {:.1} ms per screen",
        long.len(),
        start.elapsed().as_secs_f64() * 1e3 / 20.0
    );
}
