//! Times rendering pathological Markdown bodies against an ordinary one of
//! the same length (the figures in docs/performance.md). Not a test: the
//! test `markdown::tests::no_shape_costs_much_more_than_ordinary_text`
//! bounds the counted cost instead.
fn main() {
    let n = 20_000;
    for (name, text) in tillit::kernel::markdown::pathological_bodies(n) {
        let runs = 5;
        let t = std::time::Instant::now();
        let mut out = 0;
        for _ in 0..runs {
            out = tillit::kernel::markdown::render(&text).as_str().len();
        }
        let ms = t.elapsed().as_secs_f64() * 1000.0 / runs as f64;
        println!(
            "{name:16} {:>6} bytes -> {out:>7} bytes of HTML  {ms:>8.2} ms",
            text.len()
        );
    }
}
